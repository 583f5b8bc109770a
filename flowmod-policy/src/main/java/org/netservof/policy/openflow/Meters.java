package org.netservof.policy.openflow;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMeterConfig;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBand;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBandDrop;

/** OpenFlow 1.3+ meters that drop what exceeds a rate, written the way each version's Loxi builder wants. */
public final class Meters {
  /** OFPM_ALL: every meter, for a delete. */
  public static final long ALL = 0xffff_ffffL;

  private Meters() {}

  public static boolean supported(OFFactory f) {
    return f.getVersion().compareTo(OFVersion.OF_13) >= 0;
  }

  /** Adds or modifies meter {@code id}: traffic above {@code kbps} is dropped (a burst of a tenth of a second). */
  public static OFMeterMod dropAbove(OFFactory f, OFMeterModCommand command, long id, int kbps) {
    return drop(f, command, id, kbps, kbps / 10, OFMeterFlags.KBPS);
  }

  /**
   * Adds or modifies meter {@code id}: packets above {@code pps} per second are dropped, with a burst of a second's
   * worth (the first packets of a burst of new flows are each a flow's only chance, so they get room).
   */
  public static OFMeterMod dropAbovePackets(OFFactory f, OFMeterModCommand command, long id, int pps) {
    return drop(f, command, id, pps, pps, OFMeterFlags.PKTPS);
  }

  private static OFMeterMod drop(OFFactory f, OFMeterModCommand command, long id, int rate, int burst,
      OFMeterFlags unit) {
    OFMeterBand band = f.meterBands().buildDrop().setRate(rate).setBurstSize(Math.max(1, burst)).build();
    OFMeterMod.Builder b = f.buildMeterMod().setCommand(command).setMeterId(id)
        .setFlags(Set.of(unit, OFMeterFlags.BURST));
    // Loxi names the band list "meters" in 1.3 and "bands" from 1.4 on.
    return (f.getVersion() == OFVersion.OF_13 ? b.setMeters(List.of(band)) : b.setBands(List.of(band))).build();
  }

  /**
   * The rate of a meter read back from a switch (meter configuration statistics) that drops above a number of
   * kilobits per second, as {@link #dropAbove} writes it; empty for a meter of any other shape (a modify then
   * makes it one).
   */
  public static OptionalInt dropRateKbps(OFMeterConfig config) {
    if (!config.getFlags().contains(OFMeterFlags.KBPS) || config.getEntries().size() != 1
        || !(config.getEntries().get(0) instanceof OFMeterBandDrop drop)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) drop.getRate());
  }

  public static OFMeterMod delete(OFFactory f, long id) {
    OFMeterMod.Builder b = f.buildMeterMod().setCommand(OFMeterModCommand.DELETE).setMeterId(id).setFlags(Set.of());
    return (f.getVersion() == OFVersion.OF_13 ? b.setMeters(List.of()) : b.setBands(List.of())).build();
  }
}
