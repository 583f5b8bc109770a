package org.netservof.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Whether a benchmark's ratios regressed grossly: a throughput ratio below a quarter of its baseline, or a
 * latency ratio above four times its baseline. The baseline is 1 (as good as the peer) unless a row's measure
 * starts with a key of {@code baselines}: for rows where the peer does less work by design (bare signature
 * checks against full signaling round trips, say), the ratio recorded when the benchmark was written; the
 * longest key that matches wins. Never an absolute time, and nothing at all on a busy machine, where ratios
 * are withheld.
 */
final class RegressionGate {
  static final double FACTOR = 4.0;

  private final Map<String, Double> baselines;

  RegressionGate(Map<String, Double> baselines) {
    this.baselines = Map.copyOf(baselines);
  }

  /** The rows that regressed, each as a sentence; empty when none did or the machine was busy. */
  List<String> regressions(Report report) {
    List<String> out = new ArrayList<>();
    if (report.busy()) {
      return out;
    }
    for (Report.Row row : report.rows()) {
      OptionalDouble ratio = row.ratio();
      if (ratio.isEmpty() || Double.isNaN(ratio.getAsDouble())) {
        continue;
      }
      double baseline = baselineOf(row.measure());
      double r = ratio.getAsDouble();
      boolean regressed = row.higherIsBetter() ? r < baseline / FACTOR : r > baseline * FACTOR;
      if (regressed) {
        out.add(String.format("%s: ratio %.3f against %s, baseline %.3f (limit %s %.3f)", row.measure(), r,
            row.peer(), baseline, row.higherIsBetter() ? "at least" : "at most",
            row.higherIsBetter() ? baseline / FACTOR : baseline * FACTOR));
      }
    }
    return out;
  }

  /** The baseline of the longest key the measure starts with, so a specific row can override a general one. */
  private double baselineOf(String measure) {
    return baselines.entrySet().stream().filter(e -> measure.startsWith(e.getKey()))
        .max(java.util.Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(1.0);
  }

}
