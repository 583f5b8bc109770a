package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.mininet.MininetNetwork;
import org.netservof.mininet.ServiceNodes;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * The service benchmark's network and its two ways in: a signed SETUP sent from h1 (the provider), and a service
 * created through the deployment service in the controller's own JVM (what a REST create does after its JSON).
 * Times a service's start as a SIP user agent on h2 sees it: it sends keep-alives toward h1 every 2 ms, and the
 * first 200 OK it gets back was answered by the module the service installed on node n1.
 */
record ServiceRig(MininetNetwork net, Controller controller, Path key) {
  static final String USER = "itsp";
  static final String SERVER = "10.0.0.1";
  static final String UA = "10.0.0.2";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A started service and how to end it again. */
  interface Started {
    void end() throws Exception;
  }

  /** Starts a service; answers when it was asked for (epoch seconds) and how to end it. */
  interface Starter {
    Timed<Started> start() throws Exception;
  }

  /** A value and the wall-clock second at which it was asked for. */
  record Timed<T>(double at, T value) {}

  /** A service started, and the milliseconds from its start to the first keep-alive its module answered. */
  record Round(double millis, Started service) {}

  /** Starts a service and times it to the first keep-alive its module answers; the service keeps running. */
  Round firstAnswer(Starter starter) throws Exception {
    net.command(WAIT, "sip_first_start", Map.of("src", "h2", "dst", "h1"));
    Thread.sleep(300); // the user agent is sending
    Timed<Started> started = starter.start();
    JsonNode first = net.command(WAIT, "sip_first_result", Map.of());
    if (first.get("first_answer").isNull()) {
      throw new IllegalStateException("no keep-alive was answered after the service started: " + first);
    }
    double at = first.get("first_answer").asDouble();
    // For reading a round against the controller's and the node's logs (--agent-log).
    System.out.printf("service started %s, first answer %s (+%.1f ms)%n", clock(started.at()), clock(at),
        (at - started.at()) * 1000);
    return new Round((at - started.at()) * 1000, started.value());
  }

  private static String clock(double epochSeconds) {
    return java.time.LocalTime.ofInstant(java.time.Instant.ofEpochMilli(Math.round(epochSeconds * 1000)),
        java.time.ZoneId.systemDefault()).toString();
  }

  /** A signed SETUP of {@code module} for udp to h1:5060, ended by a signed REMOVE. */
  Starter setup(ModuleInstall module) {
    return () -> {
      JsonNode sent = signal(module, "once");
      if (sent.get("code").asInt() != 200) {
        throw new IllegalStateException("SETUP of " + module.module() + " answered " + sent);
      }
      return new Timed<>(sent.get("sent_at").asDouble(), () -> signal(module, "remove"));
    };
  }

  /** A service of {@code module} for udp to h1:{@code port}, created and removed in the controller's JVM. */
  Starter create(ModuleInstall module, int port) {
    return () -> {
      double at = System.currentTimeMillis() / 1000.0;
      Deployment d = deploy(module, port);
      return new Timed<>(at, () -> controller.service(SteeringAdminService.class).remove(d.serviceId().orElseThrow()));
    };
  }

  /** Deploys {@code module} for udp to h1:{@code port} and waits until it is active. */
  Deployment deploy(ModuleInstall module, int port) throws Exception {
    Filter filter = Filter.of(Protocol.UDP).withDst(SERVER + "/32").withDstPorts(PortRange.single(port));
    ServiceRequest service = new ServiceRequest("bench-" + port, filter, "pool", SteeringMode.REACTIVE,
        Optional.empty(), Optional.of(USER));
    return controller.service(DeploymentService.class).deploy(new DeploymentRequest(Deployment.Origin.API, service,
        Optional.of(module), Optional.empty(), List.of())).done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Waits until node n1 reports exactly {@code modules} for the user, once three heartbeats passed (a report may
   * be a heartbeat old, and a module loaded and removed between two was never in one).
   */
  void awaitModules(List<String> modules) throws InterruptedException {
    Thread.sleep(1500);
    Eventually.waitFor("n1 running " + modules + " for " + USER, WAIT, () -> modulesOnNode().equals(modules));
  }

  /** Waits until a process has exited. */
  static void awaitExit(long pid) {
    Eventually.waitFor("process " + pid + " gone", WAIT, () -> !Files.exists(Path.of("/proc/" + pid)));
  }

  private List<String> modulesOnNode() {
    return ServiceNodes.agent(controller, "n1").containers().stream().filter(c -> c.user().equals(USER))
        .flatMap(c -> c.modules().stream()).map(ContainerView.Module::name).sorted().toList();
  }

  /** The user's container JVM on n1, as its pid file names it (the host's pid). */
  long containerPid() throws Exception {
    return net.command(WAIT, "container_status", Map.of("node", "n1", "user", USER)).get("pid").asLong();
  }

  /** VmRSS of a process, in MB. */
  static double residentMb(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + pid);
  }

  /** Sends 200 keep-alives through the service on 5060, so the container has done real work. */
  void keepAlives() throws Exception {
    net.command(WAIT, "sip_keepalives", Map.of("src", "h2", "dst", "h1", "count", 200, "gap", 0.005));
  }

  /** Runs the signaling client on h1 (as the provider); its one JSON line. */
  private JsonNode signal(ModuleInstall module, String mode) throws Exception {
    List<Object> args = List.of(mode, UA, USER, key.toString(), module.module(), module.url().toString(),
        module.sha256(), SERVER + "/32", 0, 1);
    Map<String, Object> run = Map.of("host", "h1", "java", Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "main", SignalLoad.class.getName(), "classpath", System.getProperty("java.class.path"),
        "args", args, "timeout", 50);
    JsonNode out = net.command(WAIT, "java", run);
    List<String> lines = out.get("stdout").asText().strip().lines().toList();
    if (out.get("exit").asInt() == 0 && !lines.isEmpty()) {
      return JSON.readTree(lines.get(lines.size() - 1));
    }
    throw new IllegalStateException("signal " + mode + " failed: " + out);
  }

  /** Runs {@code rounds} rounds of {@code what}; the milliseconds of each. */
  static List<Double> rounds(int rounds, Callable<Double> what) throws Exception {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      out.add(what.call());
    }
    return out;
  }
}
