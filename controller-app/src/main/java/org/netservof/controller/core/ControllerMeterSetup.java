package org.netservof.controller.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's part of a connecting switch's setup ({@code METERS} stage): every {@link ControllerMeter} at
 * {@code flood-protection.meter-rate} packets per second, added or, when the switch kept it from an earlier
 * connection, modified (deleting it would take the entries that use it); then the table-miss entry written again
 * through its meter. OpenFlow 1.0 switches have no meters and get nothing here.
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

  private List<OFMessage> messages(OFFactory f, Set<Long> present) {
    List<OFMessage> out = new ArrayList<>();
    for (ControllerMeter meter : ControllerMeter.values()) {
      OFMeterModCommand command = present.contains((long) meter.id()) ? OFMeterModCommand.MODIFY
          : OFMeterModCommand.ADD;
      out.add(Meters.dropAbovePackets(f, command, meter.id(), packetsPerSecond));
    }
    out.add(CoreEntries.meteredTableMiss(f));
    return out;
  }

  private static Set<Long> present(List<OFMeterConfigStatsReply> replies) {
    Set<Long> ids = new HashSet<>();
    for (OFMeterConfigStatsReply reply : replies) {
      for (OFMeterConfig config : reply.getEntries()) {
        ids.add(config.getMeterId());
      }
    }
    return ids;
  }
}
