package org.netservof.controller.forwarding;

import java.util.Objects;
import java.util.OptionalInt;
import org.projectfloodlight.openflow.types.MacAddress;

/** What a forwarding route is for: frames from one MAC to another, on one VLAN or untagged. */
record FlowKey(MacAddress src, MacAddress dst, OptionalInt vlan) {
  FlowKey {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(vlan, "vlan");
  }

  /** A well-mixed hash, so equal-cost paths share flows evenly (the same key always picks the same path). */
  long flowHash() {
    long h = src.getLong() * 0x9E3779B97F4A7C15L ^ dst.getLong() ^ (vlan.orElse(0) * 0xC2B2AE3D27D4EB4FL);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h & Long.MAX_VALUE;
  }

  /**
   * The record's own hash would combine Loxi's MAC hashes, which fold patterned MACs onto a few thousand
   * values (see {@link org.netservof.controller.util.MacKeys}); the route table keyed by flows would scan.
   */
  @Override
  public int hashCode() {
    return Long.hashCode(flowHash());
  }

  /** Written out, as {@link org.netservof.policy.fabric.SwitchPort}'s is, for the route table's lookups. */
  @Override
  public boolean equals(Object o) {
    return o instanceof FlowKey other && src.equals(other.src) && dst.equals(other.dst) && vlan.equals(other.vlan);
  }

  /** The same flow without its VLAN tag: what it is after a switch popped the tag. */
  FlowKey untagged() {
    return new FlowKey(src, dst, OptionalInt.empty());
  }
}
