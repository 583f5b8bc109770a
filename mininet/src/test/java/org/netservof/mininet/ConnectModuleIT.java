package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.testing.Eventually;
import org.netservof.protocol.signaling.SignalKeys;

/**
 * Outgoing connections: a module on a real node asks for a TCP connection, and its agent makes it from the
 * service address through the fabric to a host its user's connect-to grant names (the reply getting past the
 * service address's firewall); a port the grant does not name, and the node's management network even granted,
 * are refused to the module in the user's words.
 */
class ConnectModuleIT extends ServiceNodeFixture {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final String SERVICE_ADDRESS = "10.0.0.100";
  private static final String H1 = "10.0.0.1";
  private static final int PORT = 2222;

  @Test
  void aModuleConnectsToAGrantedHostAndIsRefusedAnUngrantedPortAndTheManagementNetwork() throws Exception {
    expectedProblems = line -> line.contains("may not connect to");
    String management = serviceNodes.management().controllerIp();
    Path aliceKey = dir.resolve("alice.key");
    SignalKeys.generate(aliceKey);
    startController("signaling:\n  domain: d1\n  pool: pool\nusers:\n  - name: alice\n    public-key-file: "
        + SignalKeys.publicFile(aliceKey) + "\n    filter-prefixes: [" + FabricTraffic.USER_HOST + "/32]\n"
        + "    protocols: [udp]\n    max-services: 2\n    max-rate-kbps: 0\n    connect-to: [" + H1 + "/32:" + PORT
        + ", " + management + "/32:" + PORT + "]\n");
    serviceNodes.serve("Connector", TestModules.connector(dir.resolve("connector")));
    serviceNodes.serviceAddress("n1", SERVICE_ADDRESS);
    try (MininetNetwork net = serviceNodes.steeringNetwork(controller, 1, "1")) {
      net.command(WAIT, "agents_start", serviceNodes.agentCommand(net, controller, serviceNodes.tokenDir(),
          Map.of("options", Map.of("service-address", SERVICE_ADDRESS + "/24"))));
      ServiceNodes.waitHealthy(net, controller, "n1");
      net.command(WAIT, "daemon_start", Map.of("host", "h1", "port", PORT));
      Eventually.waitFor("the daemon on h1", WAIT, () -> reaches(net));
      ModuleInstall connector = serviceNodes.install("alice", "Connector", Map.of("granted", H1 + ":" + PORT,
          "ungranted", H1 + ":" + (PORT + 1), "management", management + ":" + PORT));
      agents.install("n1", connector).get(60, TimeUnit.SECONDS);

      Eventually.waitFor("the module's three attempts", WAIT, () -> ServiceNodes.module(controller, "n1", "alice",
          "Connector_1.0").map(m -> !"not yet".equals(m.report().get("management"))).orElse(false));
      Map<String, Object> report = ServiceNodes.module(controller, "n1", "alice", "Connector_1.0").orElseThrow()
          .report();
      assertThat(report.get("granted")).as("h1's daemon, through the fabric").isEqualTo("read:daemon");
      assertThat(report.get("ungranted")).isEqualTo("refused:user 'alice' may not connect to " + H1 + ":"
          + (PORT + 1) + ": the user's connect-to grant names only " + H1 + "/32:" + PORT + ", " + management
          + "/32:" + PORT);
      assertThat((String) report.get("management")).as("granted, but the node's own network")
          .startsWith("refused:user 'alice' may not connect to " + management + ": it is on the node's own "
              + "network");
    }
  }

  private static boolean reaches(MininetNetwork net) {
    try {
      return net.command(WAIT, "tcp_connect", Map.of("src", "h2", "address", H1, "port", PORT)).get("connected")
          .asBoolean();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
