package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netservof.mininet.FabricTraffic.steeringEntries;
import static org.netservof.mininet.SignalClient.setup;
import static org.netservof.mininet.SignalClient.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * A signaling domain's controller restarted over the same stores, on the same addresses, under a real switch and
 * node: alice's signaled service is back, capped by her meter as before, and her SETUP captured before the
 * restart is a replay after it.
 */
class SignalingRestartIT {
  private static final java.time.Duration WAIT = ServiceNodes.WAIT;
  @TempDir
  Path dir;
  private ServiceNodes serviceNodes;
  private Controller controller;
  private LogCapture log;
  private Path aliceKey;

  @BeforeEach
  void start() throws Exception {
    serviceNodes = new ServiceNodes(dir);
    aliceKey = dir.resolve("alice.key");
    SignalKeys.generate(aliceKey);
    log = new LogCapture();
  }

  @AfterEach
  void stop() {
    // No meter error: steering reads a returning switch's meters back and leaves alice's, which it kept, alone.
    List<String> unexpected = log.unexpected(line -> line.contains("lost: its channel closed")
        || line.contains("refused (401): nonce restart-nonce-0123456789 was used already: a replay"));
    if (controller != null) {
      controller.close();
    }
    serviceNodes.close();
    log.close();
    assertThat(unexpected).as("controller warnings and errors").isEmpty();
  }

  /** Domain d1, where alice may steer UDP to the user host, capped at 400 kbps. */
  private Controller domain(Map<String, String> overrides) throws Exception {
    return serviceNodes.startController("signaling:\n  domain: d1\n  pool: pool\nusers:\n  - name: alice\n"
        + "    public-key-file: " + SignalKeys.publicFile(aliceKey) + "\n    filter-prefixes: ["
        + FabricTraffic.USER_HOST + "/32]\n    protocols: [udp]\n    max-services: 2\n    max-rate-kbps: 400\n",
        overrides);
  }

  @Test
  void aSignaledServiceComesBackWithItsCapAndItsCapturedSetupIsAReplay() throws Exception {
    controller = domain(Map.of());
    try (MininetNetwork net = serviceNodes.steeringNetwork(controller, 1, "1")) {
      serviceNodes.startAgents(net, controller);
      ModuleInstall netMonitor = serviceNodes.install("alice", "NetMonitor", Map.of());
      String[] captured = setup(netMonitor, 600, "--nonce", "restart-nonce-0123456789", "--timestamp",
          String.valueOf(Instant.now().getEpochSecond()));
      assertThat(signal(net, "setup", aliceKey, captured).get("exit").asInt()).isZero();
      List<ServiceInfo> before = controller.service(SteeringService.class).services();
      assertThat(FabricTraffic.meters(net, "s1")).contains("meter=1").contains("rate=400");

      Map<String, String> sameAddresses = ServiceNodes.sameAddresses(controller);
      controller.close();
      controller = domain(sameAddresses);
      ServiceNodes.waitHealthy(net, controller, "n1");

      assertThat(controller.service(SteeringService.class).services()).as("the same service, same deadline")
          .isEqualTo(before);
      // (Hosts are observed, not intended: this traffic also lets the restarted controller learn h1 again, which
      // its answer to the replay goes back to.)
      assertThat(FabricTraffic.udp(net, 5060, 5, 2, 32000)).as("new flows reach h2").isEqualTo(10);
      Eventually.waitFor("alice's meter on s1 again", WAIT, () -> FabricTraffic.meters(net, "s1").contains("rate=400"));
      assertThat(steeringEntries(net, "s1")).as("new flows' entries go through her meter")
          .anySatisfy(e -> assertThat(e).contains("tp_src=32000").contains("meter:1"));
      JsonNode replay = signal(net, "setup", aliceKey, captured);
      assertThat(replay.get("stdout").asText()).startsWith("NETSERV/0.1 401").contains("a replay");
    }
  }
}
