package org.netservof.policy.select;

/** Hashing for flow placement: well mixed, stable across runs and machines (no seeds, no identity hashes). */
public final class FlowHash {
  private FlowHash() {}

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Combines values into one hash, order-sensitive. */
  public static long of(long... values) {
    long h = 0x9E3779B97F4A7C15L;
    for (long v : values) {
      h = mix(h ^ v) + 0x9E3779B97F4A7C15L;
    }
    return mix(h);
  }

  /** A stable hash of a string (not String.hashCode, whose spread is poor for short ids). */
  public static long of(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }
}
