package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What metrics cost on the PacketIn path: the same controller as {@code bench controller} (forwarding, driven by
 * the switch emulator with cbench frames, OpenFlow 1.3, 16 switches, controller on CPU 0 and emulator on CPU 1),
 * started twice, once with {@code metrics: true} (the default) and once with {@code metrics: false}. Both are up
 * for the whole measurement and get the same warm-up; their runs alternate (on, off, then off, on, ...) so a
 * machine that gets busier mid-way weighs on both alike. The goal: under 5% apart.
 *
 * @param rounds measured runs per controller
 * @param seconds measured seconds per run
 * @param warmup seconds of the warm-up run against each controller first (the JIT's)
 * @param emulatorWarmup uncounted seconds each emulator run sends first (its own JIT's)
 */
record MetricsCost(int rounds, int seconds, int warmup, int emulatorWarmup) {
  static final String ROW = "PacketIns answered/s with metrics on (OpenFlow 1.3, 16 switches, cbench frames, "
      + "median run)";
  private static final int SWITCHES = 16;
  private static final int MACS = 1000;

  void measure(Report report, Path work, boolean pinned) throws Exception {
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    try (ControllerProcess metrics = ControllerProcess.start(ControllerKind.NETSERV_OF, "1.3", work, pinned,
        "-metrics-on", "metrics: true\n");
        ControllerProcess none = ControllerProcess.start(ControllerKind.NETSERV_OF, "1.3", work, pinned,
            "-metrics-off", "metrics: false\n")) {
      emulate(metrics, warmup, 1);
      emulate(none, warmup, 1);
      for (int round = 0; round < rounds; round++) {
        boolean onFirst = round % 2 == 0;
        double first = emulate(onFirst ? metrics : none, seconds, emulatorWarmup);
        double second = emulate(onFirst ? none : metrics, seconds, emulatorWarmup);
        on.add(onFirst ? first : second);
        off.add(onFirst ? second : first);
        System.out.printf("  metrics cost, round %d: on %.0f, off %.0f PacketIns answered/s%n", round + 1,
            on.get(round), off.get(round));
      }
    }
    report.add(ROW, "1/s", Stats.median(on), "the same with metrics: false", Stats.median(off), true);
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      ratios.add(on.get(round) / off.get(round));
    }
    report.note(String.format("metrics cost: PacketIns answered/s per run, on %s, off %s; on/off of each round's "
        + "pair (adjacent in time, so a machine's drift cancels) median %.3f; %d runs each of %d s after %d s "
        + "uncounted, alternating, after a %d s warm-up of each; goal: on/off above 0.95", rounded(on), rounded(off),
        Stats.median(ratios), rounds, seconds, emulatorWarmup, warmup));
  }

  /** PacketIns answered per second, median second, of one emulator run. */
  private static double emulate(ControllerProcess controller, int measured, int warm) throws Exception {
    JsonNode result = EmulatorProcess.run(controller, List.of("--switches", String.valueOf(SWITCHES), "--version",
        "1.3", "--mode", "throughput", "--frames", "cbench", "--seconds", String.valueOf(measured), "--warmup",
        String.valueOf(warm), "--macs", String.valueOf(MACS)), measured + warm);
    return result.get("answered_median").asDouble();
  }

  private static List<Long> rounded(List<Double> values) {
    return values.stream().map(Math::round).toList();
  }
}
