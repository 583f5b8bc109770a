package org.netservof.bench.emulator;

import java.util.Arrays;
import java.util.List;

/**
 * What the switches' reconnections cost: each one's time from the start of its TCP connect to the first of
 * its PacketIns the controller answered (the switch sends from the moment it answered FEATURES, as
 * cbench's do), and PacketIns answered in the measured seconds before the first reconnection and from it on.
 *
 * @param attempted reconnections started
 * @param served those answered before the run ended; the rest never got an answer
 */
public record Reconnects(int attempted, int served, double p50Ms, double maxMs, long answeredBefore,
    int secondsBefore, long answeredAfter, int secondsAfter) {

  /** {@code nanos}: connect to first answer of every served reconnection; split at second {@code at}. */
  static Reconnects of(int attempted, long[] nanos, List<Long> answeredPerSecond, int at) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double p50 = sorted.length == 0 ? Double.NaN : millis(sorted[(sorted.length - 1) / 2]);
    double max = sorted.length == 0 ? Double.NaN : millis(sorted[sorted.length - 1]);
    int split = Math.min(at, answeredPerSecond.size());
    long before = answeredPerSecond.subList(0, split).stream().mapToLong(Long::longValue).sum();
    long after = answeredPerSecond.subList(split, answeredPerSecond.size()).stream().mapToLong(Long::longValue).sum();
    return new Reconnects(attempted, sorted.length, p50, max, before, split, after, answeredPerSecond.size() - split);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
