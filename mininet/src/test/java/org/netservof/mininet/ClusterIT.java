package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.testing.Eventually;

/**
 * The controller cluster (issue 16) with real parts: one etcd server, three controller processes, Open vSwitch
 * under Mininet with every switch connected to every controller over OpenFlow 1.3, and a real node agent that
 * knows all three. A service is created through a member that is not the ingress switch's master; that master is
 * killed ({@code kill -9}) while a steered stream runs; another member masters the switch within the lease time,
 * no packet of the stream is lost, every survivor lists the service, and the killed member rejoins as a slave.
 */
class ClusterIT {
  private static final Duration WAIT = ClusterDomain.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PORT = 5070;
  private static final int COUNT = 1000;

  @TempDir
  Path dir;
  private ClusterDomain domain;

  @BeforeEach
  void start() throws Exception {
    domain = new ClusterDomain(dir, 1, 3);
  }

  @AfterEach
  void stop() throws Exception {
    System.out.println("cluster warnings and errors:\n" + domain.cluster.problems());
    domain.close();
  }

  @Test
  void aServiceCreatedThroughOneMemberSurvivesTheKillOfTheIngressMasterWithoutLosingAPacket() throws Exception {
    try (MininetNetwork net = domain.network(2, "2")) {
      String s1 = domain.bridges(net).get(0);
      NetServCluster.Member ingressMaster = domain.masterOf(s1).orElseThrow();
      NetServCluster.Member through = domain.cluster.members().stream().filter(m -> m != ingressMaster)
          .findFirst().orElseThrow();
      ModuleInstall netMonitor = domain.serviceNodes.install("alice", "NetMonitor", Map.of());
      HttpResponse<String> created = domain.send(through, "POST", "/netserv/v1/services",
          RestClient.serviceJson(netMonitor, "proactive", "pool", PORT));
      assertThat(created.statusCode()).as("created through %s: %s", through.id(), created.body()).isEqualTo(201);
      int id = JSON.readTree(created.body()).get("id").asInt();

      net.command(WAIT, "flow_watch_start", Map.of("dport", String.valueOf(PORT)));
      net.command(WAIT, "seq_receive_start", Map.of("dst", "h2", "ports", String.valueOf(PORT)));
      net.command(WAIT, "seq_send_start", Map.of("name", "stream", "src", "h1", "dst", "h2", "dport", PORT,
          "sport", 41000, "count", COUNT, "rate", 50));
      Thread.sleep(4000); // placed on the node and running on the switches' entries before the master goes

      Instant killed = Instant.now();
      ingressMaster.process().stop("KILL");
      Eventually.waitFor("another member mastering " + s1, WAIT, () -> domain.masterOf(s1)
          .filter(m -> m != ingressMaster).isPresent());
      Duration handover = Duration.between(killed, Instant.now());
      net.command(Duration.ofSeconds(90), "seq_send_wait", Map.of("name", "stream", "timeout", 80));
      JsonNode received = net.command(WAIT, "seq_receive_stop", Map.of()).path(String.valueOf(PORT)).path("41000");
      JsonNode atNode = net.command(WAIT, "flow_watch", Map.of());
      net.command(WAIT, "flow_watch_stop", Map.of());

      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(handover).as("time until %s had a new master (printed, not a limit)", s1).isNotNull();
      System.out.println("handover of " + s1 + " after kill -9 of " + ingressMaster.id() + ": " + handover.toMillis()
          + " ms");
      soft.assertThat(received.path("runs").toString()).as("the stream's sequence numbers h2 received (%d of %d)",
          received.path("received").asInt(), COUNT).isEqualTo("[[0," + (COUNT - 1) + "]]");
      soft.assertThat(atNode.path("n1").path("41000").path(2).asInt()).as("packets that passed node n1")
          .isEqualTo(COUNT);
      for (NetServCluster.Member m : domain.running()) {
        soft.assertThat(ids(domain.get(m, "/netserv/v1/services"))).as("services listed by %s", m.id())
            .containsExactly(id);
      }
      if (!soft.errorsCollected().isEmpty()) {
        for (String bridge : List.of("s1", "s2")) {
          System.out.println("---- flows of " + bridge + ": " + net.command(WAIT, "flows", Map.of("switch", bridge)));
        }
        System.out.println("---- roles: " + domain.bridges(net).stream().map(b -> b + "=" + SwitchRoles.of(b)).toList());
        domain.cluster.members().forEach(m -> System.out.println("==== log of " + m.id() + "\n" + m.process().logs()));
      }
      soft.assertAll();

      ingressMaster.process().start();
      Eventually.waitFor(ingressMaster.id() + " back as a slave of " + s1, WAIT, () -> "slave".equals(
          SwitchRoles.of(s1).get(ingressMaster.ofTarget())));
      assertThat(domain.masterOf(s1).orElseThrow()).as("s1's master after the old one rejoined")
          .isNotEqualTo(ingressMaster);
    }
  }

  /**
   * A service's lease is an etcd lease: it runs out while every controller is down, and once they are started
   * again neither its entries nor its module remain, while a service with a longer lease keeps both.
   */
  @Test
  void aServiceWhoseLeaseRanOutWhileEveryControllerWasDownIsGoneWithItsEntriesAndModule() throws Exception {
    try (MininetNetwork net = domain.network(1, "1")) {
      NetServCluster.Member first = domain.cluster.members().get(0);
      HttpResponse<String> kept = domain.send(first, "POST", "/netserv/v1/services", RestClient.serviceJson(
          domain.serviceNodes.install("alice", "NetMonitor", Map.of()), "proactive", "pool", PORT));
      HttpResponse<String> expiring = domain.send(first, "POST", "/netserv/v1/services", RestClient.serviceJson(
          domain.serviceNodes.install("alice", "KeepAliveResponder", Map.of()), "proactive", "pool", PORT + 1)
          .replace("\"ttlSeconds\": 600", "\"ttlSeconds\": 6"));
      assertThat(kept.statusCode()).as("the lasting service: %s", kept.body()).isEqualTo(201);
      assertThat(expiring.statusCode()).as("the expiring service: %s", expiring.body()).isEqualTo(201);
      int keptId = JSON.readTree(kept.body()).get("id").asInt();
      Instant deadline = Instant.parse(JSON.readTree(expiring.body()).get("expiresAt").asText());
      Eventually.waitFor("both modules on n1", WAIT, () -> domain.modulesOn("n1")
          .containsAll(List.of("alice:NetMonitor_1.0", "alice:KeepAliveResponder_1.0")));

      for (NetServCluster.Member m : domain.cluster.members()) {
        m.process().stop("KILL");
      }
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()) + 2000);
      domain.cluster.startAll();
      domain.waitFabric(net);
      Eventually.waitFor("the expired service, its entries and module gone; the other kept", Duration.ofSeconds(60),
          () -> domain.running().stream().allMatch(m -> ids(domain.get(m, "/netserv/v1/services"))
              .equals(List.of(keptId))) && RestartIT.entriesFor(net, PORT + 1).isEmpty()
              && !RestartIT.entriesFor(net, PORT).isEmpty()
              && domain.modulesOn("n1").equals(List.of("alice:NetMonitor_1.0")));
    }
  }

  private static List<Integer> ids(JsonNode services) {
    List<Integer> out = new ArrayList<>();
    services.forEach(s -> out.add(s.get("id").asInt()));
    return out;
  }
}
