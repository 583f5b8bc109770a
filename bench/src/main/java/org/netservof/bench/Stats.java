package org.netservof.bench;

import java.util.ArrayList;
import java.util.List;

/** Small statistics the benchmarks share. */
final class Stats {
  private Stats() {}

  /** The middle value (the upper one of an even count). */
  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
