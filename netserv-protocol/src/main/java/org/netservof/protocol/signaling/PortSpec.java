package org.netservof.protocol.signaling;

/**
 * A {@code filter-port} value: one port ({@code from == to}) or an inclusive range.
 *
 * @param from the first port, 1-65535
 * @param to the last port, {@code from}-65535
 */
public record PortSpec(int from, int to) {
  public PortSpec {
    if (from < 1 || to > 65535 || from > to) {
      throw new IllegalArgumentException("port range " + from + "-" + to + " must satisfy 1 <= from <= to <= 65535");
    }
  }

  /** True for a single port. */
  public boolean isSingle() {
    return from == to;
  }
}
