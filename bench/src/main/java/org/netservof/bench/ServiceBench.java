package org.netservof.bench;

import static org.netservof.bench.ServiceRig.SERVER;
import static org.netservof.bench.ServiceRig.USER;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.launcher.Controller;
import org.netservof.mininet.MininetNetwork;
import org.netservof.mininet.ServiceNodes;
import org.netservof.protocol.signaling.SignalKeys;

/**
 * How soon a service is in service, on Mininet with a real node agent and real containers: from a signed SETUP
 * (or a create in the controller's JVM, the REST path after its JSON) to the first SIP keep-alive answered by
 * the module it installs. Warm: the user's container already runs (another module, or the same module for
 * another service of the user), against the goal of 50 ms. Cold: no container, so a JVM starts (the module
 * cached on the node, and once fetched first). And the container's resident memory, against 64 MB.
 */
record ServiceBench(int rounds, boolean agentLog) {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final double GOAL_MS = 50;
  private static final double GOAL_MB = 64;
  private static final int KEEP_ALIVE_PORT = 5060;
  private static final int SHARED_PORT = 5061;
  private static final int OTHER_PORT = 5070;
  private static final String KEEP_ALIVE = "KeepAliveResponder_1.0";
  private static final String NET_MONITOR = "NetMonitor_1.0";

  Report run(Path work) throws Exception {
    Path key = work.resolve(USER + ".key");
    SignalKeys.generate(key);
    Machine machine = Machine.now();
    Report report = new Report("service", "NetServ-OF", "goal", machine);
    try (ServiceNodes nodes = new ServiceNodes(work);
        Controller controller = nodes.startController(controllerYaml(key));
        MininetNetwork net = nodes.steeringNetwork(controller, 1, "1")) {
      nodes.startAgents(net, controller);
      // h2 answers every SETUP with ICMP port-unreachable; Linux would rate-limit those.
      net.command(WAIT, "sysctl", Map.of("host", "h2", "setting", "net.ipv4.icmp_ratelimit=0"));
      ServiceRig rig = new ServiceRig(net, controller, key);
      ModuleInstall keepAlive = nodes.install(USER, "KeepAliveResponder", Map.of());
      cold(report, rig, keepAlive);
      warm(report, rig, keepAlive, nodes.install(USER, "NetMonitor", Map.of()));
      if (agentLog) {
        net.command(WAIT, "agent_log", Map.of("node", "n1", "lines", 100_000)).get("log")
            .forEach(line -> System.out.println("[n1] " + line.asText()));
      }
    }
    report.finish(machine.finish());
    return report;
  }

  private static String controllerYaml(Path key) {
    return "signaling:\n  domain: bench\n  pool: pool\n"
        + "users:\n  - name: " + USER + "\n    public-key-file: " + SignalKeys.publicFile(key) + "\n"
        + "    filter-prefixes: [" + SERVER + "/32]\n    protocols: [udp]\n    max-services: 4\n"
        + "    max-rate-kbps: 0\n";
  }

  /** No container: each SETUP starts one; the first also fetches the module. Then the container's memory. */
  private void cold(Report report, ServiceRig rig, ModuleInstall keepAlive) throws Exception {
    List<Double> cold = ServiceRig.rounds(rounds + 1, () -> {
      ServiceRig.Round round = rig.firstAnswer(rig.setup(keepAlive));
      long pid = rig.containerPid();
      round.service().end();
      ServiceRig.awaitExit(pid);
      return round.millis();
    });
    report.addAlone("cold: SETUP to first answer, no container, module fetched first (round 1)", "ms", cold.get(0));
    List<Double> cached = cold.subList(1, cold.size());
    report.addAlone("cold: SETUP to first answer, no container, module on the node, median of " + rounds, "ms",
        Stats.median(cached));
    report.note("cold rounds (ms, the first fetched the module): " + formatted(cold));
    ServiceRig.Started service = rig.setup(keepAlive).start().value();
    rig.keepAlives();
    report.add("container resident memory, " + KEEP_ALIVE + " after 200 keep-alives", "MB",
        ServiceRig.residentMb(rig.containerPid()), "64 MB", GOAL_MB, false);
    long pid = rig.containerPid();
    service.end();
    ServiceRig.awaitExit(pid);
  }

  /**
   * The user's container runs NetMonitor for another service: each round loads KeepAlive Responder into it and
   * takes it out again; then KeepAlive Responder runs for another service too, so each round only steers.
   */
  private void warm(Report report, ServiceRig rig, ModuleInstall keepAlive, ModuleInstall netMonitor)
      throws Exception {
    rig.deploy(netMonitor, OTHER_PORT);
    rig.awaitModules(List.of(NET_MONITOR));
    long pid = rig.containerPid();
    List<String> running = List.of(NET_MONITOR);
    goal(report, "warm: SETUP to first answer, container running another module", running, rig,
        rig.setup(keepAlive));
    goal(report, "warm: create to first answer, container running another module", running, rig,
        rig.create(keepAlive, KEEP_ALIVE_PORT));
    ServiceRig.Started service = rig.setup(keepAlive).start().value();
    rig.keepAlives();
    report.add("container resident memory, " + KEEP_ALIVE + " and " + NET_MONITOR + " after 200 keep-alives", "MB",
        ServiceRig.residentMb(rig.containerPid()), "64 MB", GOAL_MB, false);
    service.end();
    rig.deploy(keepAlive, SHARED_PORT);
    running = List.of(KEEP_ALIVE, NET_MONITOR);
    rig.awaitModules(running);
    goal(report, "warm: SETUP to first answer, same module running for another service", running, rig,
        rig.setup(keepAlive));
    goal(report, "warm: create to first answer, same module running for another service", running, rig,
        rig.create(keepAlive, KEEP_ALIVE_PORT));
    long after = rig.containerPid();
    report.note("container pid before the warm rounds " + pid + ", after " + after
        + (pid == after ? " (the same JVM throughout)" : " (A NEW JVM: the warm rounds were not warm)"));
  }

  /** Rounds of a warm start, each back to {@code running} before the next; the median against the goal. */
  private void goal(Report report, String what, List<String> running, ServiceRig rig, ServiceRig.Starter starter)
      throws Exception {
    List<Double> times = ServiceRig.rounds(rounds, () -> {
      ServiceRig.Round round = rig.firstAnswer(starter);
      round.service().end();
      rig.awaitModules(running);
      return round.millis();
    });
    report.add(what + ", median of " + rounds, "ms", Stats.median(times), "50 ms goal", GOAL_MS, false);
    report.note(what + " (ms): " + formatted(times));
  }

  private static List<String> formatted(List<Double> times) {
    List<String> out = new ArrayList<>();
    times.forEach(t -> out.add(String.format("%.1f", t)));
    return out;
  }
}
