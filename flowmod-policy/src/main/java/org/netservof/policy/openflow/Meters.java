package org.netservof.policy.openflow;

import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBand;

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

  public static OFMeterMod delete(OFFactory f, long id) {
    OFMeterMod.Builder b = f.buildMeterMod().setCommand(OFMeterModCommand.DELETE).setMeterId(id).setFlags(Set.of());
    return (f.getVersion() == OFVersion.OF_13 ? b.setMeters(List.of()) : b.setBands(List.of())).build();
  }
}
