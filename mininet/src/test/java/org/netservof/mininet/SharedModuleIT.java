package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netservof.mininet.FabricTraffic.netMonitorPackets;
import static org.netservof.mininet.SignalClient.setup;
import static org.netservof.mininet.SignalClient.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.testing.Eventually;

/**
 * One user, one module, two front doors (issue 13): alice runs NetMonitor by signaling (port 5060) and an
 * operator creates a service of the same module for her over REST (port 5061), on a pool of one real node.
 * Each service, created or removed, must leave the other's module and steering working: its traffic still
 * passes the node, where NetMonitor counts every packet.
 */
class SharedModuleIT {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SIGNALED = 5060;
  private static final int REST = 5061;
  private static final int PACKETS = 60; // per round: 20 new flows of 3 packets

  @TempDir
  Path dir;
  private NetServDomain domain;
  private int sportBase = 20000;

  @BeforeEach
  void start() throws Exception {
    domain = NetServDomain.start(dir);
  }

  @AfterEach
  void stop() {
    domain.close();
  }

  @Test
  void aSignaledAndARestServiceOfTheSameModuleForOneUserEachSurviveTheOthersCreationAndRemoval() throws Exception {
    try (MininetNetwork net = domain.network("1")) {
      ModuleInstall netMonitor = domain.serviceNodes().install("alice", "NetMonitor", Map.of());

      JsonNode setup = signal(net, "setup", domain.aliceKey(), setup(netMonitor, 600));
      assertThat(setup.get("stdout").asText()).as("step 1: alice's signaled SETUP of NetMonitor is answered")
          .startsWith("NETSERV/0.1 200 OK").contains("installed on n1");
      assertPassesNode(net, SIGNALED, "step 1: right after the signaled SETUP, the signaled service's");

      SoftAssertions step2 = new SoftAssertions();
      HttpResponse<String> created = createOverRest(netMonitor);
      step2.assertThat(created.statusCode()).as("step 2: the REST create of NetMonitor for alice, who already runs"
          + " it by signaling, should be accepted, and was answered " + created.body()).isBetween(200, 299);
      step2.check(() -> assertPassesNode(net, SIGNALED,
          "step 2: after a REST create of the same module for the same user, the signaled service's"));
      step2.assertAll();
      assertPassesNode(net, REST, "step 2: the REST service's");

      HttpResponse<String> deleted = domain.rest().send("DELETE", "/netserv/v1/services/" + id(created), null,
          NetServDomain.TOKEN);
      assertThat(deleted.statusCode()).as("step 3: deleting the REST service").isEqualTo(204);
      assertThat(ServiceNodes.module(domain.controller(), "n1", "alice", netMonitor.module())).as("step 3: deleting the REST"
          + " service took NetMonitor off n1 although alice's signaled service still uses it").isPresent();
      assertPassesNode(net, SIGNALED, "step 3: after the REST service was deleted, the signaled service's");

      HttpResponse<String> again = createOverRest(netMonitor);
      assertThat(again.statusCode()).as("step 4: creating the REST service again: " + again.body())
          .isBetween(200, 299);
      JsonNode remove = signal(net, "remove", domain.aliceKey(), "--module", netMonitor.module());
      assertThat(remove.get("stdout").asText()).as("step 4: alice removes her signaled service")
          .contains("200 removed 1 service");
      assertThat(domain.rest().get("/netserv/v1/services/" + id(again)).statusCode())
          .as("step 4: removing the signaled service removed the REST service too").isEqualTo(200);
      assertPassesNode(net, REST, "step 4: after the signaled service was removed, the REST service's");
    }
  }

  private HttpResponse<String> createOverRest(ModuleInstall module) throws Exception {
    return domain.rest().send("POST", "/netserv/v1/services", RestClient.serviceJson(module, "reactive", "pool",
        REST), NetServDomain.TOKEN);
  }

  private static int id(HttpResponse<String> created) throws Exception {
    return JSON.readTree(created.body()).get("id").asInt();
  }

  /**
   * Sends a round of new flows to h2's port and asserts that every packet arrived and that NetMonitor on n1
   * counted every one of them, i.e. that the service steered them through the node and not around it.
   */
  private void assertPassesNode(MininetNetwork net, int port, String what) throws Exception {
    long before = netMonitorPackets(domain.controller(), "n1", "alice");
    int received = FabricTraffic.udp(net, port, PACKETS / 3, 3, sportBase);
    sportBase += 1000;
    assertThat(received).as(what + " traffic to port " + port + " should reach h2: only " + received + " of "
        + PACKETS + " packets arrived").isEqualTo(PACKETS);
    try {
      Eventually.waitFor("NetMonitor on n1 to count " + PACKETS + " more packets", WAIT,
          () -> netMonitorPackets(domain.controller(), "n1", "alice") >= before + PACKETS);
    } catch (AssertionError e) {
      long seen = netMonitorPackets(domain.controller(), "n1", "alice") - before;
      throw new AssertionError(what + " traffic to port " + port + " no longer passes its node: NetMonitor on n1"
          + " saw " + Math.max(seen, 0) + " of the " + PACKETS + " packets h2 received (the rest went direct);"
          + " NetMonitor " + (ServiceNodes.module(domain.controller(), "n1", "alice", "NetMonitor_1.0").isPresent()
          ? "still runs" : "no longer runs") + " on n1, and s1 holds "
          + FabricTraffic.steeringEntries(net, "s1").size() + " steering entries", e);
    }
    assertThat(netMonitorPackets(domain.controller(), "n1", "alice") - before).as(what + " traffic to port " + port
        + ": NetMonitor on n1 counted more packets than were sent").isEqualTo(PACKETS);
  }
}
