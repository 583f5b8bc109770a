package org.netservof.policy.layout;

import java.util.OptionalInt;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The meters that every entry sending packets to the controller goes through on OpenFlow 1.3+ switches, one
 * per kind of entry, so that a flood caught by one (table misses, say) neither reaches the controller unbounded
 * nor uses up the rate of another (LLDP probes, signaling). The core writes them to every switch before any of
 * these entries. Ids sit at the top of the positive int range, far above steering's per-user meters, which
 * count up from 1. OpenFlow 1.0 has no meters: there the controller's per-port PacketIn budget is all.
 */
public enum ControllerMeter {
  TABLE_MISS(1),
  LINK_DISCOVERY(2),
  SIGNALING(3),
  STEERING_TRAP(4);

  private static final int BASE = 0x7fff_ff00;
  private final int id;

  ControllerMeter(int offset) {
    this.id = BASE + offset;
  }

  public int id() {
    return id;
  }

  /** The meter's id on a switch that has meters (OpenFlow 1.3+), else empty. */
  public OptionalInt on(OFFactory f) {
    return f.getVersion().compareTo(OFVersion.OF_13) >= 0 ? OptionalInt.of(id) : OptionalInt.empty();
  }
}
