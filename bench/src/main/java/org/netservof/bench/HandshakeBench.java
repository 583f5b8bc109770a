package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * How long a new switch waits for the controller's handshake while others flood it with PacketIns, against
 * the same with none flooding, in one run; and right after the flooding switches all drop their connections
 * at once (the scenario: a controller still working through the dead connections' PacketIns).
 * NetServ-OF against ovs-testcontroller, each a child process on CPU 0, the emulator on CPU 1. 15 flood by
 * default: ovs-testcontroller serves at most 16 switches ({@code MAX_SWITCHES}) and would not take a 17th
 * up at all while 16 are connected.
 *
 * <p>Each new switch times two steps from the start of its TCP connect (see
 * {@link org.netservof.bench.emulator.HandshakeTiming}): to the controller's FEATURES_REQUEST (it answered
 * HELLO and took the switch up; a controller stuck behind a backlog stalls before it) and to the first of its
 * PacketIns answered (in service; the switch sends from the moment it answered FEATURES, one more PacketIn
 * every 10 ms until one is answered, as ovs-testcontroller sends no barrier to close its handshake).
 */
final class HandshakeBench {
  private static final int FLOOD_WARMUP = 2;

  private final int flooding;
  private final int probes;
  private final int seconds;
  private final List<String> versions;
  private final String drop;

  HandshakeBench(int flooding, int probes, int seconds, List<String> versions, String drop) {
    this.flooding = flooding;
    this.probes = probes;
    this.seconds = seconds;
    this.versions = List.copyOf(versions);
    this.drop = drop;
  }

  /** One controller's figures: the new switches' times with none flooding, under the flood, and after the drop. */
  private record Times(List<JsonNode> quiet, List<JsonNode> flooded, JsonNode afterDrop) {
    static double median(List<JsonNode> timings, String field) {
      double[] v = timings.stream().mapToDouble(t -> t.path(field).asDouble(Double.NaN))
          .filter(d -> !Double.isNaN(d)).sorted().toArray();
      int n = v.length;
      return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
  }

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("handshake", "NetServ-OF", "ovs-testcontroller", machine);
    boolean pinned = machine.cores() >= 2;
    for (String version : versions) {
      Times ours = measure(ControllerKind.NETSERV_OF, version, work, pinned);
      Times peer = measure(ControllerKind.OVS_TESTCONTROLLER, version, work, pinned);
      addRows(report, version, ours, peer);
      report.note("OpenFlow " + version + ", NetServ-OF: none flooding " + ours.quiet() + "; flooding "
          + ours.flooded() + "; after the drop " + ours.afterDrop());
      report.note("OpenFlow " + version + ", ovs-testcontroller: none flooding " + peer.quiet() + "; flooding "
          + peer.flooded() + "; after the drop " + peer.afterDrop());
    }
    report.note(probes + " new switches one after another per scenario (medians), each a new DPID; the flood: "
        + flooding + " switches, cbench frames, throughput mode (window 64), " + seconds + " s after " + FLOOD_WARMUP
        + " s of warm-up; then all " + flooding + " drop at once (" + drop + ") and one new switch connects at once");
    report.note(pinned ? "controller pinned to CPU 0, emulator to CPU 1 (taskset)"
        : "one CPU only: controller and emulator share it, nothing pinned");
    report.finish(machine.finish());
    return report;
  }

  private Times measure(ControllerKind kind, String version, Path work, boolean pinned) throws Exception {
    try (ControllerProcess controller = ControllerProcess.start(kind, version, work, pinned)) {
      JsonNode quiet = EmulatorProcess.run(controller, List.of("--switches", "0", "--version", version,
          "--probes", String.valueOf(probes), "--seconds", "1", "--warmup", "0"), 1);
      JsonNode flood = EmulatorProcess.run(controller, List.of("--switches", String.valueOf(flooding), "--version",
          version, "--mode", "throughput", "--frames", "cbench", "--macs", "1000", "--probes", String.valueOf(probes),
          "--seconds", String.valueOf(seconds), "--warmup", String.valueOf(FLOOD_WARMUP), "--drop", drop),
          seconds + FLOOD_WARMUP);
      Times times = new Times(list(quiet.path("handshake_probes_ms")), list(flood.path("handshake_probes_ms")),
          flood.path("handshake_after_drop_ms"));
      System.out.println("  " + kind.label + " OF" + version + ": " + times);
      return times;
    }
  }

  private static List<JsonNode> list(JsonNode array) {
    return new ArrayList<>(StreamSupport.stream(array.spliterator(), false).toList());
  }

  private void addRows(Report report, String version, Times ours, Times peer) {
    for (String step : List.of("featuresMs", "firstAnswerMs")) {
      String what = "OpenFlow " + version + ", new switch, connect to "
          + (step.equals("featuresMs") ? "FEATURES_REQUEST" : "first PacketIn answered");
      report.add(what + ", none flooding, median", "ms", Times.median(ours.quiet(), step),
          Times.median(peer.quiet(), step), false);
      report.add(what + ", " + flooding + " switches flooding, median", "ms", Times.median(ours.flooded(), step),
          Times.median(peer.flooded(), step), false);
      report.add(what + ", right after the " + flooding + " dropped at once", "ms",
          ours.afterDrop().path(step).asDouble(Double.NaN), peer.afterDrop().path(step).asDouble(Double.NaN), false);
      report.add(what + ", " + flooding + " switches flooding", "ms", Times.median(ours.flooded(), step),
          "NetServ-OF, none flooding", Times.median(ours.quiet(), step), false);
    }
  }
}
