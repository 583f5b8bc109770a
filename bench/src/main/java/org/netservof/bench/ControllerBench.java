package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NetServ-OF against Open vSwitch's test controller ({@code ovs-testcontroller}, a C learning switch), both
 * driven by the switch emulator: OpenFlow 1.0 and 1.3, 1 and 16 switches, UDP frames and cbench's own frames,
 * throughput (a window of PacketIns per switch) and latency (one at a time); then, with cbench frames, every
 * switch reconnecting mid-run. Each controller is a child process pinned to CPU 0, the emulator a child
 * process pinned to CPU 1, so neither steals the other's core; on a one-core machine nothing is pinned and
 * the report says so.
 *
 * <p>NetServ-OF runs its forwarding module, the fair match for a learning switch: it learns each MAC, and
 * answers a PacketIn whose destination it knows with a FLOW_MOD and a PACKET_OUT, where ovs-testcontroller
 * sends one FLOW_MOD that releases the switch's buffer. So responses (messages) and PacketIns answered
 * (distinct PacketIns that got any response) are reported side by side. Both get the same warm-up run first
 * (it matters to the JVM's JIT, not to the C controller).
 */
final class ControllerBench {
  static final List<String> VERSIONS = List.of("1.0", "1.3");
  static final List<Integer> SWITCHES = List.of(1, 16);
  /** Row names of cbench-frame runs start with this; UDP rows keep the names they always had. */
  static final String CBENCH = "cbench frames, ";
  /** Row names of the reconnect runs start with this. */
  static final String RECONNECT = "reconnect mid-run, ";
  /**
   * Seconds each emulator run sends before it counts: the emulator is a fresh JVM per run, and its own JIT
   * holds both controllers back for the first seconds.
   */
  static final int EMULATOR_WARMUP = 5;

  private final int seconds;
  private final int warmup;
  private final int macs;
  private final Scope scope;

  /**
   * What a run covers.
   *
   * @param runs frame style and mode of each run per version and switch count, as "cbench latency"
   * @param reconnect whether to add the run in which every switch reconnects mid-run (cbench frames, the
   *     largest switch count)
   * @param emulatorWarmup seconds each emulator run sends before it counts
   */
  record Scope(List<String> versions, List<Integer> switchCounts, List<String> runs, boolean reconnect,
      int emulatorWarmup) {
    Scope {
      versions = List.copyOf(versions);
      switchCounts = List.copyOf(switchCounts);
      runs = List.copyOf(runs);
    }

    /** The frame styles of the runs, in order. */
    List<String> frames() {
      return runs.stream().map(r -> r.split(" ")[0]).distinct().toList();
    }

    boolean has(String frames, String mode) {
      return runs.contains(frames + " " + mode);
    }
  }

  /** One measured run, as the emulator printed it. */
  record Run(String controller, String version, int switches, String frames, String mode, JsonNode result) {
    double median() {
      return result.get("median").asDouble();
    }

    double answered() {
      return result.get("answered_median").asDouble();
    }

    double latency(String field) {
      return result.path("latency_us").path(field).asDouble(Double.NaN);
    }

    double reconnect(String field) {
      return result.path("reconnects").path(field).asDouble(Double.NaN);
    }

    /** PacketIns answered per second from the first reconnection to the end. */
    double afterPerSecond() {
      JsonNode r = result.path("reconnects");
      return r.path("answeredAfter").asDouble() / Math.max(1, r.path("secondsAfter").asInt());
    }

    String summary() {
      return String.format("%s OF%s %d sw %s %s: per second %s, min/median/max %d/%.0f/%d, %d s with none, "
          + "PacketIns answered/s median %.0f, %d lost%s%s", controller, version, switches, frames, mode,
          result.get("per_second"), result.get("min").asLong(), median(), result.get("max").asLong(),
          result.get("zero_seconds").asInt(), answered(), result.get("lost").asLong(),
          mode.equals("latency") ? String.format(", p50/p99/max %.0f/%.0f/%.0f us", latency("p50"), latency("p99"),
              latency("max")) : "",
          result.has("reconnects") ? ", reconnects " + result.get("reconnects") : "");
    }
  }

  ControllerBench(int seconds, int warmup, int macs, Scope scope) {
    this.seconds = seconds;
    this.warmup = warmup;
    this.macs = macs;
    this.scope = scope;
  }

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("controller", "NetServ-OF", "ovs-testcontroller", machine);
    boolean pinned = machine.cores() >= 2;
    List<Run> runs = new ArrayList<>();
    for (String version : scope.versions()) {
      for (ControllerKind kind : ControllerKind.values()) {
        try (ControllerProcess controller = ControllerProcess.start(kind, version, work, pinned)) {
          runs.addAll(measure(controller, kind, version));
        }
      }
    }
    addRows(report, runs);
    runs.forEach(r -> report.note(r.summary()));
    notes(report, pinned);
    report.finish(machine.finish());
    return report;
  }

  private void notes(Report report, boolean pinned) {
    report.note("responses are FLOW_MODs (adding) and PACKET_OUTs answering PacketIns; PacketIns answered counts "
        + "each PacketIn once, however many messages answered it; " + macs + " MACs per switch, window 64 "
        + "PacketIns per switch in throughput mode, " + seconds + " measured seconds per run after "
        + scope.emulatorWarmup() + " s of uncounted traffic, and a " + warmup + " s warm-up run against each "
        + "controller "
        + "first");
    report.note("cbench frames: byte for byte cbench's (IPv4 protocol 255, buffer ids, gratuitous ARP first); on "
        + "OpenFlow 1.3 the same frame and buffer id in a 1.3 PacketIn, the in port as its match");
    if (scope.reconnect()) {
      report.note("reconnect: every switch closes its connection halfway through the measured part and connects "
          + "again at once, sending from the moment it answered FEATURES; its time is TCP connect to the first "
          + "PacketIn answered");
    }
    report.note(pinned ? "controller pinned to CPU 0, emulator to CPU 1 (taskset)"
        : "one CPU only: controller and emulator share it, nothing pinned");
  }

  /** A warm-up run, then every switch count, frame style and mode against one controller, then reconnects. */
  private List<Run> measure(ControllerProcess controller, ControllerKind kind, String version) throws Exception {
    List<Run> runs = new ArrayList<>();
    emulate(controller, version, 16, "udp", "throughput", warmup, 1, List.of()); // warm-up, not reported
    for (int switches : scope.switchCounts()) {
      for (String run : scope.runs()) {
        String frame = run.split(" ")[0];
        String mode = run.split(" ")[1];
        JsonNode result = emulate(controller, version, switches, frame, mode, seconds, scope.emulatorWarmup(),
            List.of());
        runs.add(print(new Run(kind.label, version, switches, frame, mode, result)));
      }
    }
    if (scope.reconnect()) {
      int switches = scope.switchCounts().get(scope.switchCounts().size() - 1);
      int measured = Math.max(4, seconds);
      JsonNode result = emulate(controller, version, switches, "cbench", "throughput", measured,
          scope.emulatorWarmup(), List.of("--reconnect-every", String.valueOf(measured / 2)));
      runs.add(print(new Run(kind.label, version, switches, "cbench", "reconnect", result)));
    }
    return runs;
  }

  private static Run print(Run run) {
    System.out.println("  " + run.summary());
    return run;
  }

  /** Per version, switch count and frame style: throughput and latency, ours against the peer's; then reconnects. */
  private void addRows(Report report, List<Run> runs) {
    for (String version : scope.versions()) {
      for (int switches : scope.switchCounts()) {
        for (String frame : scope.frames()) {
          addRows(report, new Pair(runs, version, switches, frame, scope), (frame.equals("cbench") ? CBENCH : "")
              + "OpenFlow " + version + ", " + switches + (switches == 1 ? " switch" : " switches"));
        }
      }
      if (scope.reconnect()) {
        int switches = scope.switchCounts().get(scope.switchCounts().size() - 1);
        Pair pair = new Pair(runs, version, switches, "cbench", scope);
        String what = RECONNECT + "OpenFlow " + version + ", " + switches + " switches, cbench frames";
        report.add(what + ": connect to first PacketIn answered, p50", "ms", pair.ours("reconnect").reconnect("p50Ms"),
            pair.peer("reconnect").reconnect("p50Ms"), false);
        report.add(what + ": PacketIns answered/s from it on", "1/s", pair.ours("reconnect").afterPerSecond(),
            pair.peer("reconnect").afterPerSecond(), true);
      }
    }
  }

  /** Throughput and latency rows, of the modes the scope has. */
  private static void addRows(Report report, Pair pair, String what) {
    if (pair.scope().has(pair.frames(), "throughput")) {
      Run ours = pair.ours("throughput");
      Run peer = pair.peer("throughput");
      report.add(what + ", throughput: responses/s, median second", "1/s", ours.median(), peer.median(), true);
      report.add(what + ", throughput: PacketIns answered/s, median second", "1/s", ours.answered(),
          peer.answered(), true);
    }
    if (!pair.scope().has(pair.frames(), "latency")) {
      return;
    }
    Run ourLatency = pair.ours("latency");
    Run peerLatency = pair.peer("latency");
    report.add(what + ", latency: round trip p50", "us", ourLatency.latency("p50"), peerLatency.latency("p50"), false);
    report.add(what + ", latency: round trip p99", "us", ourLatency.latency("p99"), peerLatency.latency("p99"), false);
    report.add(what + ", latency: PacketIns answered/s, median second", "1/s", ourLatency.answered(),
        peerLatency.answered(), true);
  }

  /** Ours and the peer's runs of one version, switch count and frame style. */
  private record Pair(List<Run> runs, String version, int switches, String frames, Scope scope) {
    Run ours(String mode) {
      return find(ControllerKind.NETSERV_OF, mode);
    }

    Run peer(String mode) {
      return find(ControllerKind.OVS_TESTCONTROLLER, mode);
    }

    private Run find(ControllerKind kind, String mode) {
      return runs.stream().filter(r -> r.controller().equals(kind.label) && r.version().equals(version)
          && r.switches() == switches && r.frames().equals(frames) && r.mode().equals(mode)).findFirst()
          .orElseThrow();
    }
  }

  /** Runs the emulator as a child process on CPU 1; returns the JSON line it printed. */
  private JsonNode emulate(ControllerProcess controller, String version, int switches, String frame, String mode,
      int measured, int warm, List<String> more) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("--switches", String.valueOf(switches), "--version", version,
        "--mode", mode, "--frames", frame, "--seconds", String.valueOf(measured), "--warmup", String.valueOf(warm),
        "--macs", String.valueOf(macs)));
    args.addAll(more);
    return EmulatorProcess.run(controller, args, measured + warm);
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
