package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.testing.Eventually;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * Real service nodes on Mininet with real Open vSwitch: node agents in the node hosts register over the
 * management network, run one container JVM per user, load the project's module JARs fetched over HTTP, and
 * process the traffic steering sends them.
 */
class NodeIT extends ServiceNodeFixture {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));

  private MininetNetwork network(int switches, String nodeSwitches) throws Exception {
    return serviceNodes.steeringNetwork(controller, switches, nodeSwitches);
  }

  @Test
  void aNodeRegistersAndItsNetMonitorCountsExactlyTheTrafficSteeredToIt() throws Exception {
    try (MininetNetwork net = network(1, "1")) {
      serviceNodes.startAgents(net, controller);
      NodeView n1 = pools.node("n1").orElseThrow();
      assertThat(n1.spec().attachment()).as("learnt from LLDP, proven by the hello frame")
          .isEqualTo(net.attachment("n1"));
      assertThat(n1.spec().mac().toString()).isEqualTo(net.description().get("hosts").get("n1").get("mac").asText());
      assertThat(n1.spec().pool()).isEqualTo("pool");
      assertThat(pools.node("n1").orElseThrow().healthy()).isTrue();

      agents.install("n1", serviceNodes.install("alice", "NetMonitor", Map.of())).get(60, TimeUnit.SECONDS);
      steering.register(new ServiceRequest("mon", SIP, "pool", SteeringMode.REACTIVE, Optional.empty(),
          Optional.of("alice"))).get(30, TimeUnit.SECONDS);

      JsonNode sent = net.command(Duration.ofMinutes(2), "udp", Map.of("src", "h1", "dst", "h2", "dport", 5060,
          "flows", 20, "packets", 3, "sport_base", 20000));
      assertThat(sent.get("received").get("5060").get("packets").asInt()).as("h2 got every packet").isEqualTo(60);
      Eventually.waitFor("NetMonitor's report of 60 packets", WAIT, () -> ServiceNodes.module(controller, "n1", "alice",
          "NetMonitor_1.0").map(m -> ((Number) m.report().get("packets")).intValue() == 60).orElse(false));
      ContainerView.Module monitor = ServiceNodes.module(controller, "n1", "alice", "NetMonitor_1.0").orElseThrow();
      assertThat(monitor.report().get("table").toString())
          .isEqualTo("[{source=10.0.0.1, destination=10.0.0.2, ttl=64, packets=60}]");
      assertThat(monitor.in()).isEqualTo(60);
      assertThat(monitor.out()).isEqualTo(60);
      assertThat(monitor.loaded()).isTrue();
    }
  }

  @Test
  void aNodeWithTheWrongTokenOrAFalseAttachmentIsRefused() throws Exception {
    expectedProblems = line -> line.contains("does not know the token")
        || line.contains("no hello frame") || line.contains("its hello frame came from");
    try (MininetNetwork net = network(1, "1,1")) {
      Path wrongToken = dir.resolve("wrong-token");
      Files.writeString(wrongToken, "0123456789abcdef0123456789abcdef\n");
      JsonNode impostor = net.command(WAIT, "agent_start", serviceNodes.agentCommand(controller, wrongToken,
          Map.of("node", "n1", "wait_exit", 30)));
      assertThat(impostor.get("exit").asInt()).as("refused nodes exit 3").isEqualTo(3);
      assertThat(net.command(WAIT, "agent_log", Map.of("node", "n1")).toString())
          .contains("could not prove it knows the token");

      // n2 is plugged into port 12 and says port 11 (n1's port).
      JsonNode liar = net.command(WAIT, "agent_start", serviceNodes.agentCommand(controller, serviceNodes.tokenFile(),
          Map.of("node", "n2", "attachment", "00:00:00:00:00:00:00:01/11", "wait_exit", 30)));
      assertThat(liar.get("exit").asInt()).isEqualTo(3);
      assertThat(net.command(WAIT, "agent_log", Map.of("node", "n2")).toString())
          .contains("not plugged in where it says");
      assertThat(pools.nodes()).isEmpty();
      
    }
  }

  @Test
  void keepAlivesOfAUserAgentAreAnsweredByTheNodeAndNoLongerReachTheSipServer() throws Exception {
    expectedProblems = line -> line.contains("lost: its channel closed");
    try (MininetNetwork net = network(2, "1")) {
      Map<String, Object> keepAlives = Map.of("src", "h1", "dst", "h2", "count", 20, "gap", 0.05);
      JsonNode before = net.command(WAIT, "sip_keepalives", keepAlives);
      assertThat(before.get("server_received").asInt()).as("without the module the server gets them").isEqualTo(20);
      assertThat(before.get("answered").asInt()).isZero();

      serviceNodes.startAgents(net, controller);
      agents.install("n1", serviceNodes.install("itsp", "KeepAliveResponder", Map.of())).get(60, TimeUnit.SECONDS);
      steering.register(new ServiceRequest("keepalive", SIP, "pool", SteeringMode.PROACTIVE, Optional.empty(),
          Optional.of("itsp"))).get(30, TimeUnit.SECONDS);

      JsonNode after = net.command(WAIT, "sip_keepalives", keepAlives);
      assertThat(after.get("answered").asInt()).as("200 OKs from the server's address and port").isEqualTo(20);
      assertThat(after.get("other").asInt()).isZero();
      assertThat(after.get("server_received").asInt()).as("the server is spared").isZero();
      Eventually.waitFor("the module's counters", WAIT, () -> ServiceNodes.module(controller, "n1", "itsp",
          "KeepAliveResponder_1.0").map(m -> m.emitted() == 20 && m.dropped() == 20).orElse(false));
    }
  }

  @Test
  void twoUsersOnOneNodeEachHaveAContainerThatSeesOnlyTheirOwnPackets() throws Exception {
    expectedProblems = line -> line.contains("lost: its channel closed");
    try (MininetNetwork net = network(1, "1")) {
      serviceNodes.startAgents(net, controller);
      agents.install("n1", serviceNodes.install("alice", "NetMonitor", Map.of())).get(60, TimeUnit.SECONDS);
      agents.install("n1", serviceNodes.install("bob", "NetMonitor", Map.of())).get(60, TimeUnit.SECONDS);
      steering.register(new ServiceRequest("alice-sip", SIP, "pool", SteeringMode.PROACTIVE, Optional.empty(),
          Optional.of("alice"))).get(30, TimeUnit.SECONDS);
      steering.register(new ServiceRequest("bob-rtp", Filter.of(Protocol.UDP).withDstPorts(PortRange.single(7000)),
          "pool", SteeringMode.REACTIVE, Optional.empty(), Optional.of("bob"))).get(30, TimeUnit.SECONDS);

      assertThat(udp(net, 5060, 20, 2, 20000)).isEqualTo(40);
      assertThat(udp(net, 7000, 5, 5, 21000)).isEqualTo(25);
      Eventually.waitFor("both reports", WAIT, () -> packets("n1", "alice") == 40 && packets("n1", "bob") == 25);
      List<ContainerView> containers = ServiceNodes.agent(controller, "n1").containers();
      assertThat(containers).hasSize(2);
      assertThat(containers.get(0).vlan()).as("a mark per container").isNotEqualTo(containers.get(1).vlan());
      assertThat(ServiceNodes.agent(controller, "n1").readyUsers()).containsExactly("alice", "bob");
      for (String user : List.of("alice", "bob")) {
        JsonNode process = net.command(WAIT, "container_status", Map.of("node", "n1", "user", user));
        assertThat(process.at("/process/Uid").asText()).as("containers run as nobody").isEqualTo("65534");
        assertThat(process.at("/process/CapBnd").asText()).as("raw sockets at most").isEqualTo("0000000000002000");
        assertThat(process.at("/packet_thread/CapEff").asText()).as("the modules' thread has none left")
            .isEqualTo("0000000000000000");
        assertThat(process.at("/packet_thread/CapPrm").asText()).isEqualTo("0000000000000000");
      }
      Thread.sleep(1500); // two more heartbeats: nothing else arrives late
      assertThat(packets("n1", "alice")).isEqualTo(40);
      assertThat(packets("n1", "bob")).isEqualTo(25);
    }
  }

  @Test
  void aKilledContainerOrNodeIsNoticedAndItsFlowsMove() throws Exception {
    expectedProblems = line -> line.contains("node n1 lost");
    try (MininetNetwork net = network(1, "1,1")) {
      Map<String, Object> slowRestart = Map.of("container-restart-delay", 6000);
      net.command(WAIT, "agents_start", serviceNodes.agentCommand(controller, serviceNodes.tokenFile(),
          Map.of("options", slowRestart)));
      ServiceNodes.waitHealthy(net, controller, "n1", "n2");
      assertThat(ServiceNodes.installOnPool(controller, "pool", serviceNodes.install("alice", "NetMonitor",
          Map.of()))).containsOnlyKeys("n1", "n2").allSatisfy((node, error) -> assertThat(error).isEmpty());
      steering.register(new ServiceRequest("sip", SIP, "pool", SteeringMode.REACTIVE, Optional.empty(),
          Optional.of("alice"))).get(30, TimeUnit.SECONDS);
      assertThat(udp(net, 5060, 40, 2, 20000)).isEqualTo(80);
      Eventually.waitFor("80 packets over both nodes", WAIT, () -> packets("n1", "alice") + packets("n2", "alice") == 80);
      assertThat(packets("n1", "alice")).as("both nodes got flows").isPositive();
      assertThat(packets("n2", "alice")).isPositive();

      // The container dies: the node tells the controller at once, and new flows all go to n2.
      net.command(WAIT, "container_kill", Map.of("node", "n1", "user", "alice"));
      Eventually.waitFor("alice's container on n1 out of service", WAIT, () ->
          !ServiceNodes.agent(controller, "n1").readyUsers().contains("alice"));
      long n2Before = packets("n2", "alice");
      assertThat(udp(net, 5060, 40, 2, 30000)).isEqualTo(80);
      Eventually.waitFor("n2 took all 80", WAIT, () -> packets("n2", "alice") == n2Before + 80);
      Eventually.waitFor("the container restarted with its module", WAIT, () ->
          ServiceNodes.agent(controller, "n1").readyUsers().contains("alice")
          && ServiceNodes.agent(controller, "n1").containers().get(0).restarts() == 1);

      // The whole node dies: its channel closes, the node is unhealthy, and n2 takes every flow.
      net.command(WAIT, "agent_kill", Map.of("node", "n1"));
      Eventually.waitFor("n1 unhealthy", WAIT, () -> !pools.node("n1").orElseThrow().healthy());
      assertThat(pools.node("n1").orElseThrow().connected()).isFalse();
      long n2Now = packets("n2", "alice");
      assertThat(udp(net, 5060, 40, 2, 40000)).isEqualTo(80);
      Eventually.waitFor("n2 took all 80 again", WAIT, () -> packets("n2", "alice") == n2Now + 80);
    }
  }

  // ---- helpers ----

  /** Sends UDP flows from h1 to h2 and returns how many packets h2 received. */
  private static int udp(MininetNetwork net, int port, int flows, int packets, int sportBase) throws Exception {
    JsonNode out = net.command(Duration.ofMinutes(2), "udp", Map.of("src", "h1", "dst", "h2", "dport", port,
        "flows", flows, "packets", packets, "sport_base", sportBase, "ports", String.valueOf(port)));
    return out.get("received").get(String.valueOf(port)).get("packets").asInt();
  }

  /** The packets a user's NetMonitor on a node has counted, as of the node's last heartbeat. */
  private long packets(String node, String user) {
    return ServiceNodes.module(controller, node, user, "NetMonitor_1.0")
        .map(m -> ((Number) m.report().get("packets")).longValue()).orElse(0L);
  }
}
