package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netservof.bench.emulator.EmulatorMain;

/**
 * NetServ-OF against Open vSwitch's test controller ({@code ovs-testcontroller}, a C learning switch), both
 * driven by the switch emulator: OpenFlow 1.0 and 1.3, 1 and 16 switches, throughput (a window of PacketIns
 * per switch) and latency (one at a time). Each controller is a child process pinned to CPU 0, the emulator
 * a child process pinned to CPU 1, so neither steals the other's core; on a one-core machine nothing is
 * pinned and the report says so.
 *
 * <p>NetServ-OF runs its forwarding module, the fair match for a learning switch: it learns each MAC, and
 * answers a PacketIn whose destination it knows with a FLOW_MOD and a PACKET_OUT, as ovs-testcontroller
 * does. Both get the same warm-up run first (it matters to the JVM's JIT, not to the C controller).
 */
final class ControllerBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> VERSIONS = List.of("1.0", "1.3");
  static final List<Integer> SWITCHES = List.of(1, 16);
  private static final List<String> MODES = List.of("throughput", "latency");
  /**
   * Seconds each emulator run sends before it counts: the emulator is a fresh JVM per run, and its own JIT
   * holds both controllers back for the first seconds.
   */
  private static final int EMULATOR_WARMUP = 5;

  private final int seconds;
  private final int warmup;
  private final int macs;
  private final List<String> versions;
  private final List<Integer> switchCounts;

  /** One measured run, as the emulator printed it. */
  record Run(String controller, String version, int switches, String mode, JsonNode result) {
    double median() {
      return result.get("median").asDouble();
    }

    double latency(String field) {
      return result.path("latency_us").path(field).asDouble(Double.NaN);
    }

    String summary() {
      return String.format("%s OF%s %d sw %s: per second %s, min/median/max %d/%.0f/%d, %d s with none, %d lost%s",
          controller, version, switches, mode, result.get("per_second"), result.get("min").asLong(), median(),
          result.get("max").asLong(), result.get("zero_seconds").asInt(), result.get("lost").asLong(),
          mode.equals("latency") ? String.format(", p50/p99/max %.0f/%.0f/%.0f us", latency("p50"), latency("p99"),
              latency("max")) : "");
    }
  }

  ControllerBench(int seconds, int warmup, int macs) {
    this(seconds, warmup, macs, VERSIONS, SWITCHES);
  }

  /** A run over some of the versions and switch counts only (the test suite's smoke run). */
  ControllerBench(int seconds, int warmup, int macs, List<String> versions, List<Integer> switchCounts) {
    this.seconds = seconds;
    this.warmup = warmup;
    this.macs = macs;
    this.versions = List.copyOf(versions);
    this.switchCounts = List.copyOf(switchCounts);
  }

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("controller", "NetServ-OF", "ovs-testcontroller", machine);
    boolean pinned = machine.cores() >= 2;
    List<Run> runs = new ArrayList<>();
    for (String version : versions) {
      for (ControllerKind kind : ControllerKind.values()) {
        try (ControllerProcess controller = ControllerProcess.start(kind, version, work, pinned)) {
          runs.addAll(measure(controller, kind, version));
        }
      }
    }
    addRows(report, runs);
    runs.forEach(r -> report.note(r.summary()));
    report.note("responses are FLOW_MODs and PACKET_OUTs answering PacketIns (a learning switch sends both for a "
        + "known destination); " + macs + " MACs per switch, window 64 PacketIns per switch in throughput mode, "
        + seconds + " measured seconds per run after " + EMULATOR_WARMUP + " s of uncounted traffic, and a " + warmup
        + " s warm-up run against each controller first");
    report.note(pinned ? "controller pinned to CPU 0, emulator to CPU 1 (taskset)"
        : "one CPU only: controller and emulator share it, nothing pinned");
    report.finish(machine.finish());
    return report;
  }

  /** A warm-up run, then every switch count in every mode against one controller. */
  private List<Run> measure(ControllerProcess controller, ControllerKind kind, String version) throws Exception {
    List<Run> runs = new ArrayList<>();
    emulate(controller, version, 16, "throughput", warmup, 1); // warm-up, not reported
    for (int switches : switchCounts) {
      for (String mode : MODES) {
        JsonNode result = emulate(controller, version, switches, mode, seconds, EMULATOR_WARMUP);
        Run run = new Run(kind.label, version, switches, mode, result);
        runs.add(run);
        System.out.println("  " + run.summary());
      }
    }
    return runs;
  }

  /** Per version and switch count: throughput, then latency p50 and p99, ours against the peer's. */
  private void addRows(Report report, List<Run> runs) {
    for (String version : versions) {
      for (int switches : switchCounts) {
        String what = "OpenFlow " + version + ", " + switches + (switches == 1 ? " switch" : " switches");
        Run ours = find(runs, ControllerKind.NETSERV_OF, version, switches, "throughput");
        Run peer = find(runs, ControllerKind.OVS_TESTCONTROLLER, version, switches, "throughput");
        report.add(what + ", throughput: responses/s, median second", "1/s", ours.median(), peer.median(), true);
        Run ourLatency = find(runs, ControllerKind.NETSERV_OF, version, switches, "latency");
        Run peerLatency = find(runs, ControllerKind.OVS_TESTCONTROLLER, version, switches, "latency");
        report.add(what + ", latency: round trip p50", "us", ourLatency.latency("p50"), peerLatency.latency("p50"),
            false);
        report.add(what + ", latency: round trip p99", "us", ourLatency.latency("p99"), peerLatency.latency("p99"),
            false);
      }
    }
  }

  private static Run find(List<Run> runs, ControllerKind kind, String version, int switches, String mode) {
    return runs.stream().filter(r -> r.controller().equals(kind.label) && r.version().equals(version)
        && r.switches() == switches && r.mode().equals(mode)).findFirst().orElseThrow();
  }

  /** Runs the emulator as a child process on CPU 1; returns the JSON line it printed. */
  private JsonNode emulate(ControllerProcess controller, String version, int switches, String mode, int measured,
      int warm) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (controller.pinned()) {
      command.addAll(List.of("taskset", "-c", "1"));
    }
    command.addAll(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName(),
        "--controller", "127.0.0.1:" + controller.port(), "--switches", String.valueOf(switches), "--version", version,
        "--mode", mode, "--seconds", String.valueOf(measured), "--warmup", String.valueOf(warm), "--macs",
        String.valueOf(macs)));
    Process emulator = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String out = new String(emulator.getInputStream().readAllBytes());
      if (!emulator.waitFor(measured + warm + 60L, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the emulator did not finish");
      }
      if (emulator.exitValue() != 0) {
        throw new IllegalStateException("the emulator against " + controller + " exited with "
            + emulator.exitValue() + ": " + out);
      }
      String json = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
          .orElseThrow(() -> new IllegalStateException("the emulator printed no result: " + out));
      return JSON.readTree(json);
    } finally {
      if (emulator.isAlive()) {
        emulator.destroyForcibly().waitFor();
      }
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
