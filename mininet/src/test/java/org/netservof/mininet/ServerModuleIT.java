package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.testing.Eventually;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.rest.server.RestModule;
import org.projectfloodlight.openflow.types.IPv4Address;

/**
 * Issue 20, server modules: a module on a real node listens on a UDP and a TCP port of the node's service
 * address, as its user's listen-ports grant allows, and a host reaches both through the fabric as it would any
 * host (the controller learnt the address as a host at the node's port, and shows it in the node's view); a
 * port the grant does not name is refused to the module in the user's words.
 */
class ServerModuleIT extends ServiceNodeFixture {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final String SERVICE_ADDRESS = "10.0.0.100";

  @Test
  void aHostReachesAServerModuleOnTheNodesServiceAddressOnItsGrantedPortsOnly() throws Exception {
    serviceNodes.serve("EchoServer", TestModules.echoServer(dir.resolve("echo")));
    try (MininetNetwork net = networkWithServiceAddress()) {
      ModuleInstall echo = serviceNodes.install("alice", "EchoServer", Map.of("udp", "3478", "tcp", "80",
          "refused", "3479"));
      agents.install("n1", new ModuleInstall(echo.user(), echo.module(), echo.url(),
          echo.sha256(), echo.properties(), List.of("udp:3478", "tcp:80"))).get(60, TimeUnit.SECONDS);

      assertEchoes(net);
      NodeSpec n1 = pools.node("n1").orElseThrow().spec();
      assertThat(controller.service(HostService.class).byIpv4(IPv4Address.of(SERVICE_ADDRESS)))
          .as("the node's service address, a host at the node's port").singleElement().satisfies(h -> {
            assertThat(h.mac()).isEqualTo(n1.mac());
            assertThat(h.attachment()).isEqualTo(n1.attachment());
          });
      assertThat(ServiceNodes.agent(controller, "n1").serviceAddress()).contains(SERVICE_ADDRESS);

      Eventually.waitFor("the module's report of the port it was refused", WAIT, () -> ServiceNodes.module(
          controller, "n1", "alice", "EchoServer_1.0").map(m -> m.report().get("refused")).filter(
              r -> !"not refused".equals(r)).isPresent());
      assertThat(ServiceNodes.module(controller, "n1", "alice", "EchoServer_1.0").orElseThrow().report()
          .get("refused")).isEqualTo("user 'alice' may not listen on udp:3479: the user's listen-ports grant "
              + "names only udp:3478, tcp:80");
    }
  }

  @Test
  void aSignaledServerModuleGetsItsUsersGrantAndPROBEGivesItsNodesAddress() throws Exception {
    Path aliceKey = dir.resolve("alice.key");
    SignalKeys.generate(aliceKey);
    startController("signaling:\n  domain: d1\n  pool: pool\nusers:\n  - name: alice\n    public-key-file: "
        + SignalKeys.publicFile(aliceKey) + "\n    filter-prefixes: [" + FabricTraffic.USER_HOST + "/32]\n"
        + "    protocols: [udp]\n    max-services: 2\n    max-rate-kbps: 0\n    listen-ports: [udp:3478, tcp:80]\n");
    serviceNodes.serve("EchoServer", TestModules.echoServer(dir.resolve("echo")));
    try (MininetNetwork net = networkWithServiceAddress()) {
      ModuleInstall echo = serviceNodes.install("alice", "EchoServer", Map.of());
      JsonNode setup = SignalClient.signal(net, "setup", aliceKey, SignalClient.setup(echo, 60, "--properties",
          "udp=3478,tcp=80,refused=3479"));
      assertThat(setup.get("exit").asInt()).as("the SETUP: %s", setup).isZero();
      assertEchoes(net);
      assertThat(FabricTraffic.udp(net, 5060, 2, 2, 24000)).as("steered traffic through the same node port still "
          + "arrives").isEqualTo(4);
      assertEchoes(net);
      JsonNode probe = SignalClient.signal(net, "probe", aliceKey, "--module", echo.module(), "--probe",
          "nodes,modules");
      assertThat(probe.get("exit").asInt()).isZero();
      assertThat(probe.get("stdout").asText()).contains("\"id\":\"n1\"").contains("\"address\":\""
          + SERVICE_ADDRESS + "\"").contains("\"addresses\":[\"" + SERVICE_ADDRESS + "\"]");
      RestClient rest = new RestClient("http://127.0.0.1:" + controller.module(RestModule.class).orElseThrow()
          .address().getPort());
      JsonNode services = new ObjectMapper().readTree(rest.get("/netserv/v1/services").body());
      assertThat(services.toString()).as("the REST service view").contains("\"addresses\":[\"" + SERVICE_ADDRESS
          + "\"]");
    }
  }

  /** One switch with node n1, whose agent has the service address. */
  private MininetNetwork networkWithServiceAddress() throws Exception {
    MininetNetwork net = serviceNodes.steeringNetwork(controller, 1, "1");
    net.command(WAIT, "agents_start", serviceNodes.agentCommand(net, controller, serviceNodes.tokenDir(),
        Map.of("options", Map.of("service-address", SERVICE_ADDRESS + "/24"))));
    ServiceNodes.waitHealthy(net, controller, "n1");
    return net;
  }

  /** h1's datagram and TCP line to the service address come back from the echo server. */
  private static void assertEchoes(MininetNetwork net) throws Exception {
    JsonNode answers = net.command(WAIT, "server_probe", Map.of("src", "h1", "address", SERVICE_ADDRESS,
        "udp_port", 3478, "tcp_port", 80, "text", "hello"));
    assertThat(answers.get("udp").asText()).as("the UDP answer (%s)", answers).isEqualTo("echo:hello");
    assertThat(answers.get("tcp").asText()).as("the TCP answer (%s)", answers).isEqualTo("echo:hello");
  }
}
