package org.netservof.controller.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchSetup;
import org.netservof.policy.layout.ControllerMeter;
import org.netservof.policy.openflow.CoreEntries;
import org.netservof.policy.openflow.Meters;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterConfig;
import org.projectfloodlight.openflow.protocol.OFMeterConfigStatsReply;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's part of a connecting switch's setup ({@code METERS} stage): every {@link ControllerMeter} at
 * {@code flood-protection.meter-rate} packets per second, added or, when the switch kept it from an earlier
 * connection, modified if it differs and left alone if not (deleting it would take the entries that use it, and
 * a second ADD fails with METER_EXISTS); then the table-miss entry written again through its meter. OpenFlow 1.0
 * switches have no meters and get nothing here.
 */
final class ControllerMeterSetup implements SwitchSetup {
  static final String NAME = "controller-meters";
  private static final Logger log = LoggerFactory.getLogger(ControllerMeterSetup.class);
  private final int packetsPerSecond;

  ControllerMeterSetup(int packetsPerSecond) {
    this.packetsPerSecond = packetsPerSecond;
  }

  @Override
  public CompletionStage<List<OFMessage>> messages(OFSwitch sw) {
    OFFactory f = sw.factory();
    if (!Meters.supported(f)) {
      return CompletableFuture.completedFuture(List.of());
    }
    return sw.stats(f.buildMeterConfigStatsRequest().setMeterId(Meters.ALL).build())
        .thenApply(replies -> messages(f, present(replies)))
        .exceptionally(failure -> {
          log.warn("switch {} did not list its meters ({}); its controller-bound entries stay unmetered and only the "
              + "per-port PacketIn budget limits them", sw.id(), failure.getMessage());
          return List.of();
        });
  }

  private List<OFMessage> messages(OFFactory f, Map<Long, OFMeterConfig> present) {
    List<OFMessage> out = new ArrayList<>();
    for (ControllerMeter meter : ControllerMeter.values()) {
      OFMeterConfig has = present.get((long) meter.id());
      OFMeterMod want = Meters.dropAbovePackets(f, has == null ? OFMeterModCommand.ADD : OFMeterModCommand.MODIFY,
          meter.id(), packetsPerSecond);
      if (has == null || !has.getFlags().equals(want.getFlags()) || !has.getEntries().equals(bands(want))) {
        out.add(want);
      }
    }
    out.add(CoreEntries.meteredTableMiss(f));
    return out;
  }

  private static Map<Long, OFMeterConfig> present(List<OFMeterConfigStatsReply> replies) {
    Map<Long, OFMeterConfig> ids = new HashMap<>();
    for (OFMeterConfigStatsReply reply : replies) {
      for (OFMeterConfig config : reply.getEntries()) {
        ids.put(config.getMeterId(), config);
      }
    }
    return ids;
  }

  /** A meter mod's bands: Loxi calls them "meters" in 1.3 and "bands" from 1.4 on. */
  private static List<OFMeterBand> bands(OFMeterMod mod) {
    return mod.getVersion() == OFVersion.OF_13 ? mod.getMeters() : mod.getBands();
  }
}
