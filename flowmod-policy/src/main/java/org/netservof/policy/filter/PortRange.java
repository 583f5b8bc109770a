package org.netservof.policy.filter;

import java.util.ArrayList;
import java.util.List;

/** An inclusive range of TCP or UDP ports; a single port is a range of one. */
public record PortRange(int low, int high) {
  public PortRange {
    if (low < 0 || high > 0xffff) {
      throw new IllegalArgumentException("ports must be in 0..65535, got " + low + "-" + high);
    }
    if (low > high) {
      throw new IllegalArgumentException("port range " + low + "-" + high + " is empty (low above high)");
    }
  }

  public static PortRange single(int port) {
    return new PortRange(port, port);
  }

  /**
   * Parses {@code 5060} or {@code 5060-5070}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static PortRange parse(String text) {
    String t = text.trim();
    int dash = t.indexOf('-');
    try {
      if (dash < 0) {
        return single(Integer.parseInt(t));
      }
      return new PortRange(Integer.parseInt(t.substring(0, dash).trim()), Integer.parseInt(t.substring(dash + 1).trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port '" + text + "' is not a number or a range like 5060-5070");
    }
  }

  public int size() {
    return high - low + 1;
  }

  public boolean contains(int port) {
    return port >= low && port <= high;
  }

  public boolean contains(PortRange other) {
    return other.low >= low && other.high <= high;
  }

  /** A port value and a mask: the ports {@code p} with {@code p & mask == value}. */
  public record Prefix(int value, int mask) {
    /** How many leading bits the prefix fixes (16 for one port). */
    public int bits() {
      return Integer.bitCount(mask);
    }
  }

  /**
   * The fewest value/mask prefixes that cover exactly this range: at most 30 for any 16-bit range, one for
   * a single port or an aligned power-of-two block.
   */
  public List<Prefix> prefixes() {
    List<Prefix> out = new ArrayList<>();
    int start = low;
    while (start <= high) {
      // The largest aligned block that starts here and stays inside the range.
      int size = start == 0 ? 1 << 16 : Integer.lowestOneBit(start);
      while (start + size - 1 > high) {
        size >>= 1;
      }
      out.add(new Prefix(start, 0xffff & ~(size - 1)));
      start += size;
    }
    return out;
  }

  @Override
  public String toString() {
    return low == high ? Integer.toString(low) : low + "-" + high;
  }
}
