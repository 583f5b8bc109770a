package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.mininet.MininetNetwork;
import org.netservof.mininet.ServiceNodes;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * Failover on a Mininet fabric with real Open vSwitch and three real service nodes (n1, n2, n3, one pool,
 * NetMonitor in each): many UDP flows from h1 to h2 run as a steady stream, each flow one packet per period;
 * one node's agent is killed (SIGKILL, by PID), and a packet watcher on every node host tells, per flow, where
 * it was before and when its first packet reached a survivor after.
 *
 * <p>The row "node death to its flows at the survivors" holds our total (kill to the first packet of each of
 * the dead node's flows at a survivor: median over its flows, and the slowest) against the controller's
 * detection alone (kill to steering marking the node unhealthy, taken from a {@link SteeringListener} in this
 * JVM) as its peer. Detection is the floor any failover pays; the ratio says how much re-programming the
 * fabric (and, reactive, the flows' next PacketIns) adds on top. The flows of the surviving nodes that moved
 * are counted alone: the promise is zero. Times are wall-clock on one machine (the kill, the watchers and the
 * listener read the same clock); a flow's figure includes up to one stream period of waiting for its next
 * packet.
 */
record FailoverBench(int flows, int periodMs, int rounds) {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PORT = 5060;
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(PORT));
  private static final String USER = "bench";
  private static final List<String> NODES = List.of("n1", "n2", "n3");

  /** What one packet watcher saw of one flow (a source port): first and last arrival, epoch seconds. */
  record Seen(double first, double last, long packets) {}

  /** One kill: the dead node's flows' arrival at the survivors, detection, and what else moved. */
  record Round(String victim, int victimFlows, List<Double> arrivalsMs, int neverArrived, double detectionMs,
      int moved, JsonNode stream) {
    double median() {
      return arrivalsMs.isEmpty() ? Double.NaN : Stats.median(arrivalsMs);
    }

    double max() {
      return arrivalsMs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("failover", "NetServ-OF", "detection alone", machine);
    try (ServiceNodes serviceNodes = new ServiceNodes(work);
        Controller controller = serviceNodes.startController("");
        MininetNetwork net = serviceNodes.steeringNetwork(controller, 1, "1,1,1")) {
      Eventually.waitFor("discovery", WAIT, () -> controller.service(LinkService.class).links()
          .containsAll(net.expectedLinks()));
      serviceNodes.startAgents(net, controller);
      Fabric fabric = new Fabric(net, controller.service(SteeringService.class),
          controller.service(SteeringAdminService.class), controller.service(DeploymentService.class),
          controller.service(NodePoolService.class), serviceNodes.install(USER, "NetMonitor", Map.of()));
      net.command(WAIT, "ping", Map.of("src", "h1", "dst", "h2", "count", 2)); // ARP and routes before timing

      int sportBase = 30000;
      for (SteeringMode mode : SteeringMode.values()) {
        List<Round> done = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          String victim = NODES.get(r % NODES.size());
          done.add(round(fabric, mode, victim, sportBase));
          sportBase += flows;
          serviceNodes.startAgent(net, controller, victim);
        }
        addRows(report, mode, done);
      }
    }
    report.finish(machine.finish());
    return report;
  }

  private void addRows(Report report, SteeringMode mode, List<Round> done) {
    String m = mode.name().toLowerCase();
    double detection = Stats.median(done.stream().map(Round::detectionMs).toList());
    report.add("node death to its flows at the survivors, " + m + ", median flow", "ms",
        Stats.median(done.stream().map(Round::median).toList()), detection, false);
    report.add("node death to its flows at the survivors, " + m + ", slowest flow", "ms",
        Stats.median(done.stream().map(Round::max).toList()), detection, false);
    report.addAlone("flows of the surviving nodes that moved, " + m + ", all " + done.size() + " rounds", "flows",
        done.stream().mapToInt(Round::moved).sum());
    for (Round r : done) {
      report.note(String.format("%s kill %s: %d of %d flows on it, at the survivors after median %.1f ms, "
          + "max %.1f ms (%d never); detection %.1f ms; moved %d; stream %s; per flow (ms) %s", m, r.victim(),
          r.victimFlows(), flows, r.median(), r.max(), r.neverArrived(), r.detectionMs(), r.moved(), r.stream(),
          r.arrivalsMs().stream().map(v -> String.format("%.0f", v)).toList()));
    }
  }

  /** What a round uses of the controller, and the module its deployment runs. */
  private record Fabric(MininetNetwork net, SteeringService steering, SteeringAdminService admin,
      DeploymentService deployments, NodePoolService pools, ModuleInstall netMonitor) {}

  /**
   * One measured kill: NetMonitor is deployed afresh with its service (the deployment path installs it on the
   * pool's nodes), so every round starts from new flows and every node runs the module.
   */
  private Round round(Fabric fabric, SteeringMode mode, String victim, int sportBase) throws Exception {
    MininetNetwork net = fabric.net();
    int service = fabric.deployments().deploy(new DeploymentRequest(Deployment.Origin.API, new ServiceRequest(
        "failover", SIP, "pool", mode, Optional.empty(), Optional.of(USER)), Optional.of(fabric.netMonitor()),
        Optional.empty(), List.of())).done().get(90, TimeUnit.SECONDS).serviceId().orElseThrow();
    waitReady(fabric.pools());
    net.command(WAIT, "flow_watch_start", Map.of("dport", PORT));
    net.command(WAIT, "udp_stream_start", Map.of("src", "h1", "dst", "h2", "dport", PORT, "flows", flows,
        "period", periodMs / 1000.0, "sport_base", sportBase));
    Map<Integer, String> before = steadyPlacement(net, victim, mode);
    CompletableFuture<Instant> detected = new CompletableFuture<>();
    SteeringListener listener = new SteeringListener() {
      @Override
      public void nodeChanged(NodeView node) {
        if (node.spec().id().equals(victim) && !node.healthy()) {
          detected.complete(Instant.now());
        }
      }
    };
    fabric.steering().addListener(listener);
    Map<String, Map<Integer, Seen>> after;
    double killedAt;
    try {
      killedAt = net.command(WAIT, "agent_kill", Map.of("node", victim)).get("killed_at").asDouble();
      after = waitForSurvivors(net, before, victim, killedAt);
    } finally {
      fabric.steering().removeListener(listener);
    }
    JsonNode stream = net.command(WAIT, "udp_stream_stop", Map.of());
    net.command(WAIT, "flow_watch_stop", Map.of());
    fabric.admin().remove(service).get(30, TimeUnit.SECONDS);
    Instant at = detected.get(10, TimeUnit.SECONDS);
    double detectionMs = (at.getEpochSecond() + at.getNano() / 1e9 - killedAt) * 1000;
    return measure(victim, before, after, killedAt, detectionMs, stream);
  }

  /**
   * Waits until every flow of the stream reached a node, and then one more second; returns each flow's node.
   * A flow seen at two nodes before the kill would make "moved" meaningless, so it fails the run.
   */
  private Map<Integer, String> steadyPlacement(MininetNetwork net, String victim, SteeringMode mode)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (placement(watch(net, 0)).size() < flows) { // polled slowly: each answer lists every flow
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(mode + ": not all " + flows + " flows reached a node within " + WAIT);
      }
      Thread.sleep(500);
    }
    Thread.sleep(1000);
    Map<String, Map<Integer, Seen>> seen = watch(net, 0);
    Map<Integer, Set<String>> where = new TreeMap<>();
    seen.forEach((node, byFlow) -> byFlow.keySet().forEach(f -> where.computeIfAbsent(f, k -> new TreeSet<>())
        .add(node)));
    where.forEach((f, at) -> {
      if (at.size() != 1) {
        throw new IllegalStateException(mode + ": flow " + f + " reached " + at + " before any node died");
      }
    });
    Map<Integer, String> out = placement(seen);
    if (!out.containsValue(victim)) {
      throw new IllegalStateException(mode + ": no flow on " + victim + ", nothing to fail over: " + out);
    }
    return out;
  }

  /**
   * Polls the watchers until every flow of the dead node reached a survivor (or 20 s passed), then watches
   * two more seconds so that a late move of a survivor's flow would show.
   */
  private Map<String, Map<Integer, Seen>> waitForSurvivors(MininetNetwork net, Map<Integer, String> before,
      String victim, double killedAt) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Map<Integer, Seen>> now = watch(net, killedAt);
      boolean all = before.entrySet().stream().filter(e -> e.getValue().equals(victim))
          .allMatch(e -> arrival(now, e.getKey(), victim, killedAt).isPresent());
      if (all) {
        break;
      }
      Thread.sleep(200);
    }
    Thread.sleep(2000);
    return watch(net, 0);
  }

  private Round measure(String victim, Map<Integer, String> before, Map<String, Map<Integer, Seen>> after,
      double killedAt, double detectionMs, JsonNode stream) {
    List<Double> arrivals = new ArrayList<>();
    int victimFlows = 0;
    int never = 0;
    int moved = 0;
    for (Map.Entry<Integer, String> e : before.entrySet()) {
      int flow = e.getKey();
      if (e.getValue().equals(victim)) {
        victimFlows++;
        Optional<Double> at = arrival(after, flow, victim, killedAt);
        at.ifPresent(t -> arrivals.add((t - killedAt) * 1000));
        never += at.isPresent() ? 0 : 1;
      } else if (after.entrySet().stream().anyMatch(n -> !n.getKey().equals(e.getValue())
          && n.getValue().containsKey(flow))) {
        moved++;
      }
    }
    return new Round(victim, victimFlows, arrivals, never, detectionMs, moved, stream);
  }

  /** When a flow's first packet reached a node other than the dead one after the kill. */
  private static Optional<Double> arrival(Map<String, Map<Integer, Seen>> seen, int flow, String victim,
      double killedAt) {
    return seen.entrySet().stream().filter(n -> !n.getKey().equals(victim))
        .map(n -> n.getValue().get(flow)).filter(s -> s != null && s.first() >= killedAt)
        .map(Seen::first).min(Double::compare);
  }

  /** Each flow's node (the first one that saw it). */
  private static Map<Integer, String> placement(Map<String, Map<Integer, Seen>> seen) {
    Map<Integer, String> out = new TreeMap<>();
    seen.forEach((node, byFlow) -> byFlow.keySet().forEach(f -> out.putIfAbsent(f, node)));
    return out;
  }

  /** Every node watcher's flows as of now, those that first arrived at or after {@code after} (epoch s). */
  private static Map<String, Map<Integer, Seen>> watch(MininetNetwork net, double after) {
    try {
      JsonNode all = net.command(WAIT, "flow_watch", Map.of("after", after));
      Map<String, Map<Integer, Seen>> out = new TreeMap<>();
      all.fields().forEachRemaining(node -> {
        Map<Integer, Seen> byFlow = new HashMap<>();
        node.getValue().fields().forEachRemaining(f -> byFlow.put(Integer.parseInt(f.getKey()),
            new Seen(f.getValue().get(0).asDouble(), f.getValue().get(1).asDouble(), f.getValue().get(2).asLong())));
        out.put(node.getKey(), byFlow);
      });
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("reading the flow watchers", e);
    }
  }

  /** Waits until every node is healthy and runs the user's container, so that steering may pick any of them. */
  private static void waitReady(NodePoolService pools) {
    Eventually.waitFor("n1-n3 healthy with " + USER + "'s container ready", WAIT, () -> NODES.stream()
        .allMatch(id -> pools.node(id).map(n -> n.healthy() && n.agent().map(a -> a.readyUsers().contains(USER))
            .orElse(false)).orElse(false)));
  }
}
