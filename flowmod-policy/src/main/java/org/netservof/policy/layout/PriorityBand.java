package org.netservof.policy.layout;

/**
 * The priority bands of the flow table, declared in one place. A band's entries always win over every
 * entry of a lower band, whatever their position inside the band; inside a band, more specific entries
 * take higher priorities.
 *
 * <p>Order, highest first: control capture (signaling, LLDP) &gt; edge guard &gt; return from node &gt;
 * steering &gt; forwarding &gt; table-miss. The edge guard drops tagged frames from host ports above
 * everything that could carry them (a tag is a steering mark, which only the fabric's own nodes and links
 * may send); control capture stays above it because LLDP and signaling are checked by the controller
 * whatever their tag.
 */
public enum PriorityBand {
  TABLE_MISS(0, 0),
  FORWARDING(1_000, 1_999),
  STEERING(20_000, 29_999),
  RETURN_FROM_NODE(30_000, 30_999),
  EDGE_GUARD(35_000, 35_999),
  CONTROL_CAPTURE(40_000, 40_999);

  private final int lowest;
  private final int highest;

  PriorityBand(int lowest, int highest) {
    this.lowest = lowest;
    this.highest = highest;
  }

  public int lowest() {
    return lowest;
  }

  public int highest() {
    return highest;
  }

  /** The base priority of the band. */
  public int base() {
    return lowest;
  }

  /**
   * A priority inside the band, {@code offset} above its base.
   *
   * @throws IllegalArgumentException if the offset leaves the band
   */
  public int priority(int offset) {
    if (offset < 0 || lowest + offset > highest) {
      throw new IllegalArgumentException(
          "offset " + offset + " leaves priority band " + name() + " [" + lowest + ".." + highest + "]");
    }
    return lowest + offset;
  }

  /** Whether a priority read from a switch lies in this band. */
  public boolean contains(int priority) {
    return priority >= lowest && priority <= highest;
  }
}
