package org.netservof.node.io;

/**
 * Which received frames a packet socket takes; the kernel applies it (a BPF filter) before the process
 * sees anything. Frames the interface itself sends are never taken.
 */
public record Selection(Kind kind, int value) {
  /** The kinds of selection. */
  public enum Kind {
    /** Nothing: a socket that only sends. */
    NOTHING,
    /** Every received frame, tagged or not. */
    EVERYTHING,
    /** Frames carrying one VLAN id (the kernel has removed the tag); locked, so it cannot be widened later. */
    VLAN,
    /** Untagged frames of one ether type. */
    ETHER_TYPE
  }

  public Selection {
    if (kind == Kind.VLAN && (value < 1 || value > 4094)) {
      throw new IllegalArgumentException("a VLAN id is 1..4094, was " + value);
    }
    if (kind == Kind.ETHER_TYPE && (value < 0x600 || value > 0xffff)) {
      throw new IllegalArgumentException("an ether type is 0x0600..0xffff, was " + value);
    }
  }

  public static Selection nothing() {
    return new Selection(Kind.NOTHING, 0);
  }

  public static Selection everything() {
    return new Selection(Kind.EVERYTHING, 0);
  }

  public static Selection vlan(int id) {
    return new Selection(Kind.VLAN, id);
  }

  public static Selection etherType(int type) {
    return new Selection(Kind.ETHER_TYPE, type);
  }

  /** Whether the filter is locked once attached. */
  boolean locked() {
    return kind == Kind.VLAN || kind == Kind.NOTHING;
  }
}
