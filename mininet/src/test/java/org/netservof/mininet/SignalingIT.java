package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netservof.mininet.FabricTraffic.steeringEntries;
import static org.netservof.mininet.SignalClient.setup;
import static org.netservof.mininet.SignalClient.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;
import org.netservof.protocol.signaling.SignalKeys;

/**
 * NetServ signaling end to end on Mininet with real Open vSwitch and real service nodes: the provider host h1
 * runs the signaling client toward the user host h2; the controller (one NetServ domain) catches the
 * message where it enters the fabric, checks its signature and the user's grant, installs the module on
 * the node, steers the user's traffic through it, passes the message on, and answers as the last domain
 * when h2 replies with ICMP port-unreachable. Then two domains in a row, each with its own controller.
 */
class SignalingIT {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final String USER_HOST = FabricTraffic.USER_HOST;

  @TempDir
  Path dir;
  private ServiceNodes serviceNodes;
  private final List<Controller> controllers = new ArrayList<>();
  private LogCapture log;
  /** Warnings and errors the running test provokes on purpose; any other fails it. */
  private Predicate<String> expectedProblems = line -> false;
  private Path aliceKey;

  @BeforeEach
  void start() throws Exception {
    serviceNodes = new ServiceNodes(dir);
    aliceKey = newKey("alice");
    log = new LogCapture();
  }

  @AfterEach
  void stop() {
    List<String> unexpected = log.unexpected(expectedProblems);
    controllers.forEach(Controller::close);
    serviceNodes.close();
    log.close();
    assertThat(unexpected).as("controller warnings and errors").isEmpty();
  }

  /** A domain's controller: alice may steer UDP to h2 only. */
  private Controller domain(String name) throws Exception {
    Controller c = serviceNodes.startController(domainYaml(name) + user("alice", aliceKey));
    controllers.add(c);
    return c;
  }

  private static String domainYaml(String name) {
    return "signaling:\n  domain: " + name + "\n  pool: pool\n  downstream-timeout: 5s\nusers:\n";
  }

  private static String user(String name, Path key) {
    return user(name, key, 0);
  }

  private static String user(String name, Path key, int rateKbps) {
    return "  - name: " + name + "\n    public-key-file: " + SignalKeys.publicFile(key) + "\n"
        + "    filter-prefixes: [" + USER_HOST + "/32]\n    protocols: [udp]\n    max-services: 2\n"
        + "    max-rate-kbps: " + rateKbps + "\n";
  }

  private MininetNetwork network(String controllerList, int switches, String nodeSwitches) throws Exception {
    MininetNetwork net = new MininetNetwork(controllerList, "OpenFlow13", "--topo", "steering", "--switches",
        String.valueOf(switches), "--nodes", nodeSwitches, "--management", serviceNodes.management().scenarioArgument());
    for (Controller c : controllers) {
      net.awaitHostPorts(c, WAIT);
    }
    return net;
  }

  /** Alice's SETUP of the module for 600 s, which must succeed; returns what the client printed. */
  private String aliceSetup(MininetNetwork net, ModuleInstall module) throws Exception {
    JsonNode setup = signal(net, "setup", aliceKey, setup(module, 600));
    assertThat(setup.get("exit").asInt()).as("the client's exit status: %s", setup).isZero();
    return setup.get("stdout").asText();
  }

  /** After the last service went: no container on n1, no steering entry on s1, traffic direct again. */
  private void assertBackToDirect(Controller domain, MininetNetwork net) throws Exception {
    Eventually.waitFor("the container gone from n1", WAIT,
        () -> ServiceNodes.agent(domain, "n1").containers().isEmpty());
    assertThat(steeringEntries(net, "s1")).as("no steering entry left").isEmpty();
    assertThat(udp(net, 5, 2)).as("after: direct again").isEqualTo(10);
  }

  /** One switch with one node host, its agent started and healthy, under one domain's controller. */
  private MininetNetwork oneNodeNetwork(Controller domain) throws Exception {
    MininetNetwork net = network(address(domain), 1, "1");
    try {
      serviceNodes.startAgents(net, domain);
    } catch (Exception | Error e) {
      net.close();
      throw e;
    }
    return net;
  }

  private ModuleInstall aliceNetMonitor() throws Exception {
    return serviceNodes.install("alice", "NetMonitor", Map.of());
  }

  /** A fresh signing key pair, the private key in the test's directory. */
  private Path newKey(String user) throws Exception {
    Path key = dir.resolve(user + ".key");
    SignalKeys.generate(key);
    return key;
  }

  private static String address(Controller c) {
    return "127.0.0.1:" + c.openFlowAddress().getPort();
  }

  private static int udp(MininetNetwork net, int flows, int packets) throws Exception {
    return FabricTraffic.udp(net, 5060, flows, packets, 30000);
  }

  private static long counted(Controller c, String node) {
    return FabricTraffic.netMonitorPackets(c, node, "alice");
  }

  private static String meters(MininetNetwork net) {
    return FabricTraffic.meters(net, "s1");
  }

  @Test
  void aSignedSetupInstallsAndSteersAProbeSeesItAndRemoveRestoresTheDirectPath() throws Exception {
    Controller d1 = domain("d1");
    try (MininetNetwork net = oneNodeNetwork(d1)) {
      ModuleInstall netMonitor = aliceNetMonitor();
      assertThat(udp(net, 5, 2)).as("before: direct").isEqualTo(10);

      assertThat(aliceSetup(net, netMonitor)).startsWith("NETSERV/0.1 200 OK")
          .contains("stack:d1 200 installed on n1");
      List<ServiceInfo> services = d1.service(SteeringService.class).services();
      assertThat(services).singleElement().satisfies(s -> assertThat(s.request().user()).contains("alice"));

      assertThat(udp(net, 10, 2)).as("steered through the node and on to h2").isEqualTo(20);
      Eventually.waitFor("NetMonitor counted the user's traffic", WAIT, () -> counted(d1, "n1") == 20);

      JsonNode probe = signal(net, "probe", aliceKey, "--module", netMonitor.module(), "--probe", "modules,nodes");
      assertThat(probe.get("exit").asInt()).isZero();
      assertThat(probe.get("stdout").asText()).contains("stack:d1 200 {").contains("\"id\":\"n1\"")
          .contains(netMonitor.module() + "#" + services.get(0).id());

      JsonNode remove = signal(net, "remove", aliceKey, "--module", netMonitor.module());
      assertThat(remove.get("exit").asInt()).isZero();
      assertThat(remove.get("stdout").asText()).contains("stack:d1 200 removed 1 service");
      assertThat(d1.service(SteeringService.class).services()).isEmpty();
      assertBackToDirect(d1, net);
    }
  }

  @Test
  void forgedReplayedAndUnauthorisedRequestsAreRefusedAndChangeNothing() throws Exception {
    expectedProblems = line -> line.contains("refused (401)") || line.contains("refused (403)");
    Controller d1 = domain("d1");
    Path mallory = newKey("mallory");
    try (MininetNetwork net = oneNodeNetwork(d1)) {
      ModuleInstall netMonitor = aliceNetMonitor();
      SteeringService steering = d1.service(SteeringService.class);

      JsonNode forged = signal(net, "setup", mallory, setup(netMonitor, 600));
      assertThat(forged.get("exit").asInt()).isEqualTo(1);
      assertThat(forged.get("stdout").asText()).startsWith("NETSERV/0.1 401")
          .contains("signature does not verify with the key of user 'alice'");

      JsonNode outside = signal(net, "setup", aliceKey, "--module", netMonitor.module(), "--url",
          netMonitor.url().toString(), "--sha256", netMonitor.sha256(), "--filter-proto", "udp", "--filter-port",
          "5060", "--filter-dst", "10.0.0.1/32", "--ttl", "600");
      assertThat(outside.get("exit").asInt()).isEqualTo(1);
      assertThat(outside.get("stdout").asText()).startsWith("NETSERV/0.1 403")
          .contains("outside what user 'alice' may filter");
      assertThat(steering.services()).isEmpty();
      assertThat(ServiceNodes.agent(d1, "n1").containers()).isEmpty();

      long now = Instant.now().getEpochSecond();
      String[] fixed = setup(netMonitor, 600, "--nonce", "fixed-nonce-0123456789", "--timestamp", String.valueOf(now));
      assertThat(signal(net, "setup", aliceKey, fixed).get("exit").asInt()).isZero();
      ServiceInfo installed = steering.services().get(0);
      JsonNode replay = signal(net, "setup", aliceKey, fixed);
      assertThat(replay.get("exit").asInt()).isEqualTo(1);
      assertThat(replay.get("stdout").asText()).startsWith("NETSERV/0.1 401").contains("a replay");
      assertThat(steering.services()).as("the replay did not even refresh the ttl").containsExactly(installed);

      JsonNode stale = signal(net, "remove", aliceKey, "--module", netMonitor.module(), "--timestamp",
          String.valueOf(now - 3600));
      assertThat(stale.get("stdout").asText()).startsWith("NETSERV/0.1 401").contains("outside the 60 s window");
      assertThat(steering.services()).containsExactly(installed);
    }
  }

  @Test
  void whenTheTtlRunsOutTheModuleAndItsSteeringGoWithoutAnyMessage() throws Exception {
    Controller d1 = domain("d1");
    try (MininetNetwork net = oneNodeNetwork(d1)) {
      ModuleInstall netMonitor = aliceNetMonitor();
      assertThat(signal(net, "setup", aliceKey, setup(netMonitor, 4)).get("exit").asInt()).isZero();
      assertThat(d1.service(SteeringService.class).services()).hasSize(1);
      Eventually.waitFor("the service expired", WAIT, () -> d1.service(SteeringService.class).services().isEmpty());
      assertBackToDirect(d1, net);
    }
  }

  @Test
  void theLastDomainSendsATriggersSetupBackAndUsersAreReadAgainWithoutDroppingServices() throws Exception {
    expectedProblems = line -> line.contains("unknown user 'bob'");
    Controller d1 = domain("d1");
    Path bobKey = newKey("bob");
    try (MininetNetwork net = oneNodeNetwork(d1)) {
      ModuleInstall netMonitor = aliceNetMonitor();

      JsonNode trigger = signal(net, "trigger", aliceKey, setup(netMonitor, 600));
      assertThat(trigger.get("exit").asInt()).isZero();
      assertThat(trigger.get("stdout").asText()).startsWith("NETSERV/0.1 200 OK").contains("method:TRIGGER")
          .contains("stack:d1 200 installed on n1").contains("stack:d1 200 trigger accepted");
      List<ServiceInfo> before = d1.service(SteeringService.class).services();
      assertThat(before).hasSize(1);
      assertThat(udp(net, 5, 2)).isEqualTo(10);
      Eventually.waitFor("NetMonitor counted", WAIT, () -> counted(d1, "n1") == 10);

      String[] probe = {"--user", "bob", "--module", netMonitor.module(), "--probe", "status"};
      JsonNode stranger = signal(net, "probe", bobKey, probe);
      assertThat(stranger.get("stdout").asText()).contains("unknown user 'bob'");
      serviceNodes.writeControllerConfig(domainYaml("d1") + user("alice", aliceKey) + user("bob", bobKey));
      d1.reload();
      assertThat(signal(net, "probe", bobKey, probe).get("exit").asInt()).as("bob is known now").isZero();
      assertThat(d1.service(SteeringService.class).services()).as("alice's service untouched").isEqualTo(before);
    }
  }

  @Test
  void aUsersRateCapIsAMeterHerSteeredTrafficGoesThroughAndItGoesWithHerLastService() throws Exception {
    Controller d1 = serviceNodes.startController(domainYaml("d1") + user("alice", aliceKey, 400));
    controllers.add(d1);
    try (MininetNetwork net = oneNodeNetwork(d1)) {
      ModuleInstall netMonitor = aliceNetMonitor();
      Map<String, Object> burst = Map.of("src", "h1", "dst", "h2", "dport", 5060, "flows", 1, "packets", 400,
          "gap", 0.0002, "size", 1000, "sport_base", 31000, "ports", "5060");
      int uncapped = net.command(Duration.ofMinutes(2), "udp", burst).get("received").get("5060").get("packets")
          .asInt();

      aliceSetup(net, netMonitor);
      assertThat(meters(net)).contains("meter=1").contains("kbps").contains("rate=400");
      JsonNode capped = net.command(Duration.ofMinutes(2), "udp", burst);
      int passed = capped.get("received").get("5060").get("packets").asInt();
      // What a 400 kbps meter with a 40 kbit burst lets through while the sender sends, with room to spare:
      // Open vSwitch's userspace meter starts with about a second's worth of credit (seen: 94 of 400 in 0.4 s).
      double seconds = capped.get("sending_seconds").asDouble() + 0.1;
      int allowed = (int) Math.ceil(2 * (40_000 + 400_000 * (1 + seconds)) / (1042 * 8)) + 5;
      System.out.println("400 frames of 1 kB in a burst: " + uncapped + " arrive uncapped, " + passed
          + " under a 400 kbps cap (sent in " + seconds + " s, at most " + allowed + " allowed)");
      assertThat(uncapped).as("the burst itself fits the fabric").isGreaterThan(360);
      assertThat(passed).as("the meter passes its rate and burst, and no more").isPositive()
          .isLessThanOrEqualTo(allowed).isLessThan(uncapped / 2);
      assertThat(steeringEntries(net, "s1")).anySatisfy(e -> assertThat(e).contains("meter:1"));

      assertThat(signal(net, "remove", aliceKey, "--module", netMonitor.module()).get("exit").asInt()).isZero();
      Eventually.waitFor("the meter gone with the last service", WAIT, () -> !meters(net).contains("meter=1"));
      Eventually.waitFor("the container gone from n1", WAIT,
          () -> ServiceNodes.agent(d1, "n1").containers().isEmpty());
    }
  }

  @Test
  void twoDomainsInARowBothInstallOnOneSetupAndBothAnswerAProbe() throws Exception {
    Controller d1 = domain("d1");
    Controller d2 = domain("d2");
    try (MininetNetwork net = network(address(d1) + "," + address(d2), 2, "1,2")) {
      net.command(WAIT, "agent_start", agent(net, d1, "n1"));
      net.command(WAIT, "agent_start", agent(net, d2, "n2"));
      ServiceNodes.waitHealthy(net, d1, "n1");
      ServiceNodes.waitHealthy(net, d2, "n2");
      ModuleInstall netMonitor = aliceNetMonitor();
      assertThat(udp(net, 5, 2)).as("across both fabrics, before").isEqualTo(10);

      String answer = aliceSetup(net, netMonitor);
      assertThat(answer).contains("stack:d2 200 installed on n2").contains("stack:d1 200 installed on n1");
      assertThat(answer.indexOf("stack:d2")).as("the last domain's entry first")
          .isLessThan(answer.indexOf("stack:d1"));

      assertThat(udp(net, 10, 2)).isEqualTo(20);
      Eventually.waitFor("both domains' NetMonitors counted the traffic", WAIT,
          () -> counted(d1, "n1") == 20 && counted(d2, "n2") == 20);

      JsonNode probe = signal(net, "probe", aliceKey, "--module", netMonitor.module(), "--probe", "status");
      assertThat(probe.get("exit").asInt()).isZero();
      assertThat(probe.get("stdout").asText()).contains("stack:d2 200 {\"status\"").contains("stack:d1 200 {\"status\"");
    }
  }

  private Map<String, Object> agent(MininetNetwork net, Controller c, String node) throws Exception {
    Map<String, Object> command = new java.util.LinkedHashMap<>(serviceNodes.agentCommand(net, c,
        serviceNodes.tokenDir(), Map.of()));
    command.put("node", node);
    return command;
  }
}
