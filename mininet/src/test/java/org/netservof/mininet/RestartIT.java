package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netservof.mininet.SignalClient.setup;
import static org.netservof.mininet.SignalClient.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.testing.Eventually;

/**
 * Durable intent (issue 15) with a real controller process, real Open vSwitch under Mininet and a real node
 * agent: the controller is killed ({@code kill -9}) or stopped (SIGTERM) and started again on the same ports and
 * store. Steered traffic must not notice: every numbered packet of a running stream arrives, through the node;
 * the services come back with the leases they had; a lease that ran out meanwhile is gone with its entries and
 * module; and a SETUP sent before the restart cannot be replayed after it.
 */
class RestartIT {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SIGNALED = 5060;
  private static final int REST = 5062;
  private static final int RATE = 50;
  /** Each stream's packets: 24 s at 50 a second, long enough to span the controller's stop and start. */
  private static final int COUNT = 1200;
  private static final int NEW_FLOW = 100;
  /** How long a started controller may take to put nodes and switches right (its first audit on connect). */
  private static final Duration RECONCILED = Duration.ofSeconds(30);

  @TempDir
  Path dir;
  private RestartDomain domain;

  @BeforeEach
  void start() throws Exception {
    domain = new RestartDomain(dir);
    // The default reconcile interval (30 s): a lease that ran out while the controller was down must end at
    // start, not one interval later (the audit keeps only what intent may yet explain while a switch settles).
    domain.start("");
  }

  @AfterEach
  void stop() throws Exception {
    System.out.println("controller warnings and errors:\n" + domain.controller.problems());
    domain.close();
  }

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"KILL", "TERM"})
  void steeredStreamsLoseNoPacketAcrossARestartAndBothServicesComeBackWithTheirLeases(String signal)
      throws Exception {
    try (MininetNetwork net = domain.network(2, "1")) {
      ModuleInstall netMonitor = domain.serviceNodes.install("alice", "NetMonitor", Map.of());
      JsonNode signaled = signal(net, "setup", domain.aliceKey(), setup(netMonitor, 300));
      assertThat(signaled.get("exit").asInt()).as("alice's SETUP: %s", signaled).isZero();
      HttpResponse<String> created = domain.send("POST", "/netserv/v1/services",
          RestClient.serviceJson(netMonitor, "proactive", "pool", REST));
      assertThat(created.statusCode()).as("the REST service: %s", created.body()).isEqualTo(201);
      Map<Integer, Instant> leases = leases(domain.services());
      assertThat(leases).as("a signaled and a REST service, each with a lease").hasSize(2);

      net.command(WAIT, "flow_watch_start", Map.of("dport", SIGNALED + "," + REST));
      net.command(WAIT, "seq_receive_start", Map.of("dst", "h2", "ports", SIGNALED + "," + REST));
      startFlow(net, "signaled", SIGNALED, 40000, COUNT);
      startFlow(net, "rest", REST, 40001, COUNT);
      Thread.sleep(4000); // both flows placed on the node and running before the controller goes

      domain.restart(net, signal);
      Instant restarted = Instant.now();
      SoftAssertions soft = new SoftAssertions();
      Map<Integer, Instant> after = leases(domain.services());
      soft.assertThat(sameLeases(after, leases)).as("the services after the restart, by id, with their lease "
          + "deadlines (not reset): %s, before %s", after, leases).isTrue();
      soft.assertThat(after.values()).as("leases still running").allMatch(deadline -> deadline.isAfter(restarted));

      startFlow(net, "new", SIGNALED, 40002, NEW_FLOW); // reactive: its first packet goes to the new controller
      for (String flow : List.of("new", "signaled", "rest")) {
        net.command(Duration.ofSeconds(90), "seq_send_wait", Map.of("name", flow, "timeout", 80));
      }
      JsonNode received = net.command(WAIT, "seq_receive_stop", Map.of());
      JsonNode atNode = net.command(WAIT, "flow_watch", Map.of()).path("n1");
      net.command(WAIT, "flow_watch_stop", Map.of());
      assertWhole(soft, received, atNode, SIGNALED, 40000, COUNT, "the signaled service's stream");
      assertWhole(soft, received, atNode, REST, 40001, COUNT, "the REST service's stream");
      assertWhole(soft, received, atNode, SIGNALED, 40002, NEW_FLOW, "a flow started after the restart");
      soft.assertAll();
    }
  }

  /**
   * Two services of alice's, each with its own module: one whose lease runs out while the controller is down,
   * one that lives on. After the start the first is gone with its entries and its module, the second keeps both:
   * a controller that forgot everything fails here as surely as one that forgot nothing.
   */
  @Test
  void aServiceWhoseLeaseRanOutWhileTheControllerWasDownIsGoneAfterItsStartAndTheOtherStays() throws Exception {
    try (MininetNetwork net = domain.network(1, "1")) {
      HttpResponse<String> kept = domain.send("POST", "/netserv/v1/services", RestClient.serviceJson(
          domain.serviceNodes.install("alice", "NetMonitor", Map.of()), "proactive", "pool", SIGNALED));
      HttpResponse<String> expiring = domain.send("POST", "/netserv/v1/services", RestClient.serviceJson(
          domain.serviceNodes.install("alice", "KeepAliveResponder", Map.of()), "proactive", "pool", REST)
          .replace("\"ttlSeconds\": 600", "\"ttlSeconds\": 6"));
      assertThat(kept.statusCode()).as("the lasting service: %s", kept.body()).isEqualTo(201);
      assertThat(expiring.statusCode()).as("the expiring service: %s", expiring.body()).isEqualTo(201);
      Instant deadline = Instant.parse(JSON.readTree(expiring.body()).get("expiresAt").asText());
      Map<Integer, Instant> lasting = leases(JSON.readTree("[" + kept.body() + "]"));
      assertThat(entriesFor(net, SIGNALED)).as("the lasting service's entries on s1").isNotEmpty();
      assertThat(entriesFor(net, REST)).as("the expiring service's entries on s1").isNotEmpty();
      Eventually.waitFor("both modules on n1 in its agent's report", WAIT, () -> domain.modulesOn("n1")
          .containsAll(List.of("alice:NetMonitor_1.0", "alice:KeepAliveResponder_1.0")));

      domain.stop("KILL");
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()) + 2000);
      domain.startAgain(net);
      try {
        Eventually.waitFor("the expired service, its entries and its module gone, the other kept", RECONCILED, () ->
            sameLeases(leases(domain.services()), lasting) && entriesFor(net, REST).isEmpty()
                && !entriesFor(net, SIGNALED).isEmpty()
                && domain.modulesOn("n1").equals(List.of("alice:NetMonitor_1.0")));
      } catch (AssertionError e) {
        SoftAssertions soft = new SoftAssertions();
        Map<Integer, Instant> listed = leases(domain.services());
        soft.assertThat(sameLeases(listed, lasting)).as("services listed after the start: %s, the lasting one %s",
            listed, lasting).isTrue();
        soft.assertThat(entriesFor(net, REST)).as("the expired service's entries left on s1").isEmpty();
        soft.assertThat(entriesFor(net, SIGNALED)).as("the lasting service's entries on s1").isNotEmpty();
        soft.assertThat(domain.modulesOn("n1")).as("modules on n1").containsExactly("alice:NetMonitor_1.0");
        soft.assertAll();
        throw e;
      }
    }
  }

  /**
   * Ed25519 signatures are deterministic, so the client given the same nonce and timestamp sends the same bytes:
   * the SETUP re-sent after the restart is the one captured before it.
   */
  @Test
  void aSetupSentBeforeARestartIsRefusedAsAReplayAfterIt() throws Exception {
    try (MininetNetwork net = domain.network(1, "1")) {
      ModuleInstall netMonitor = domain.serviceNodes.install("alice", "NetMonitor", Map.of());
      String[] captured = setup(netMonitor, 300, "--nonce", "restart-replay-0123456789", "--timestamp",
          String.valueOf(Instant.now().getEpochSecond()));
      JsonNode first = signal(net, "setup", domain.aliceKey(), captured);
      assertThat(first.get("exit").asInt()).as("the SETUP before the restart: %s", first).isZero();
      Map<Integer, Instant> before = leases(domain.services());

      domain.restart(net, "KILL");
      JsonNode replay = signal(net, "setup", domain.aliceKey(), captured);
      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(replay.get("stdout").asText()).as("the same SETUP after the restart")
          .startsWith("NETSERV/0.1 401").contains("a replay");
      soft.assertThat(replay.get("exit").asInt()).as("the client's exit status").isEqualTo(1);
      Map<Integer, Instant> after = leases(domain.services());
      soft.assertThat(sameLeases(after, before)).as("the service, its lease not refreshed by the replay: %s, before %s",
          after, before).isTrue();
      soft.assertAll();
    }
  }

  private static void startFlow(MininetNetwork net, String name, int port, int sport, int count) throws Exception {
    net.command(WAIT, "seq_send_start", Map.of("name", name, "src", "h1", "dst", "h2", "dport", port, "sport", sport,
        "count", count, "rate", RATE));
  }

  /** Every packet of the flow reached h2, once, and passed the node on its way. */
  private static void assertWhole(SoftAssertions soft, JsonNode received, JsonNode atNode, int port, int sport,
      int count, String what) {
    JsonNode flow = received.path(String.valueOf(port)).path(String.valueOf(sport));
    soft.assertThat(flow.path("runs").toString()).as("%s: sequence numbers h2 received (%d of %d)", what,
        flow.path("received").asInt(), count).isEqualTo("[[0," + (count - 1) + "]]");
    soft.assertThat(flow.path("duplicates").asInt()).as("%s: packets h2 received twice", what).isZero();
    soft.assertThat(atNode.path(String.valueOf(sport)).path(2).asInt()).as("%s: packets that passed node n1", what)
        .isEqualTo(count);
  }

  /** Service id to its lease deadline, as the REST API lists them. */
  private static Map<Integer, Instant> leases(JsonNode services) {
    Map<Integer, Instant> out = new TreeMap<>();
    services.forEach(s -> out.put(s.get("id").asInt(), s.path("expiresAt").isTextual()
        ? Instant.parse(s.get("expiresAt").asText()) : Instant.EPOCH));
    return out;
  }

  /**
   * The same services with the same lease deadlines, give or take a second: a store may keep them at a coarser
   * grain than the clock's, and a lease started again at the restart would be off by the seconds it took.
   */
  private static boolean sameLeases(Map<Integer, Instant> a, Map<Integer, Instant> b) {
    return a.keySet().equals(b.keySet()) && a.keySet().stream()
        .allMatch(id -> Math.abs(Duration.between(a.get(id), b.get(id)).toMillis()) <= 1000);
  }

  /** The steering entries on s1 that match UDP to a port. */
  static List<String> entriesFor(MininetNetwork net, int port) {
    try {
      return FabricTraffic.steeringEntries(net, "s1").stream().filter(e -> e.contains("tp_dst=" + port + ",")
          || e.contains("tp_dst=" + port + " ")).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
