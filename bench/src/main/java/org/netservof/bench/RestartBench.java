package org.netservof.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A controller restart with durable intent (issue 15) on a Mininet fabric of Open vSwitch switches, the controller
 * a child process killed with SIGKILL by its PID and started again on the same ports and store:
 * <ul>
 *   <li>packets lost by an established steered flow (numbered, 50 a second, through a stand-in node) across the
 *       kill and the restart, against the same flow over the same time with no restart (the goal is 0);</li>
 *   <li>start to all intent reconciled for {@code services} proactive services: from launching the process until
 *       the REST API lists every service and every switch's steering entries are again those it held before the
 *       kill; once with the switches' entries left in place (a controller restart), once with steering's entries
 *       and groups wiped while the controller was down (switches that restarted too), against {@code ovs-ofctl
 *       add-groups} and {@code add-flows} writing the very same into the wiped switches;</li>
 *   <li>the store's write throughput (services through the embedded store, each write forced to disk) against
 *       raw MVStore puts and commits of the same bytes ({@link StoreBench}; {@code ./netserv bench store} alone
 *       measures both durability settings).</li>
 * </ul>
 * A figure the controller never reaches (it lost its intent) is reported as n/a, with a note saying how far it got.
 */
record RestartBench(int services, int switches, int streamPackets) {
  private static final Duration RECONCILE_LIMIT = Duration.ofSeconds(120);
  private static final int STREAM_PORT = 10_000;

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("restart", "NetServ-OF", "peer", machine);
    try (RestartRig rig = RestartRig.start(work, switches)) {
      int created = rig.createServices(services, STREAM_PORT);
      report.note(created + " of " + services + " services created over REST");
      SteeringTables tables = new SteeringTables(rig.bridges());
      Map<String, List<String>> intent = tables.read();
      report.note("steering entries and groups before the restarts: " + SteeringTables.sizes(intent));
      packetsLost(report, rig);
      double inPlace = reconcileMillis(report, rig, tables, intent, false);
      double wiped = reconcileMillis(report, rig, tables, intent, true);
      rig.controller.stop("KILL");
      tables.wipe();
      double written = tables.writeMillis(intent, work);
      report.add("start to all intent reconciled, " + services + " services, entries wiped", "ms", wiped,
          "ovs-ofctl add-groups, add-flows", written, false);
      report.add("start to all intent reconciled, " + services + " services, entries in place", "ms", inPlace,
          "ovs-ofctl add-groups, add-flows", written, false);
      storeThroughput(report, work);
    }
    report.finish(machine.finish());
    return report;
  }

  /** The lost packets of a steered numbered flow across a kill -9 and restart, against no restart. */
  private void packetsLost(Report report, RestartRig rig) throws Exception {
    SteeredStream stream = new SteeredStream(rig.net, STREAM_PORT, streamPackets);
    int quiet = stream.lost(45_000, () -> { });
    int restarted = stream.lost(45_001, () -> {
      rig.controller.stop("KILL");
      rig.controller.start();
      rig.waitFabric();
    });
    report.add("packets lost by an established steered flow across kill -9 and restart (of " + streamPackets + ")",
        "packets", restarted, "no restart", quiet, false);
  }

  /**
   * Kills the controller (and with {@code wipe} deletes the switches' steering entries while it is down), starts
   * it, and answers the time from launching it until it lists every service and every switch holds its entries
   * as before; NaN, with a note, if that does not happen within {@link #RECONCILE_LIMIT}.
   */
  private double reconcileMillis(Report report, RestartRig rig, SteeringTables tables,
      Map<String, List<String>> intent, boolean wipe) throws Exception {
    rig.controller.stop("KILL");
    if (wipe) {
      tables.wipe();
    }
    long began = System.nanoTime();
    rig.controller.start();
    long deadline = began + RECONCILE_LIMIT.toNanos();
    int listed = -1;
    Map<String, List<String>> now = Map.of();
    while (System.nanoTime() < deadline) {
      listed = rig.listed();
      now = tables.read();
      if (listed == services && now.equals(intent)) {
        return (System.nanoTime() - began) / 1e6;
      }
      Thread.sleep(200);
    }
    report.note("entries " + (wipe ? "wiped" : "in place") + ": not reconciled within " + RECONCILE_LIMIT
        .toSeconds() + " s of the start: " + listed + " of " + services + " services listed; steering entries "
        + SteeringTables.sizes(now) + " against " + SteeringTables.sizes(intent) + " before");
    return Double.NaN;
  }

  /**
   * Where the store's write throughput against the raw library's, measured in the same run, goes: {@code ./netserv
   * bench store} measures it on its own, and is to be folded in here when it lands.
   */
  /** The store's write throughput against MVStore's own, with the default durability (store-sync: true). */
  private static void storeThroughput(Report report, Path work) throws Exception {
    new StoreBench(5_000, 1_000, 3, List.of(true)).measure(report, work.resolve("store-throughput"));
  }
}
