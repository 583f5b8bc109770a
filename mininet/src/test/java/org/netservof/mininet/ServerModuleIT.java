package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
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
 * host (the controller learnt the address as a host at the node's port, and shows it in the node's view). The
 * boundary is attacked too: a port the grant does not name is refused to the module in the user's words, a
 * module's socket sends toward the management network and nothing arrives there, and a daemon of the node's
 * own, listening on every address, is not reachable from a host at the service address.
 */
class ServerModuleIT extends ServiceNodeFixture {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final String SERVICE_ADDRESS = "10.0.0.100";
  /** Where the stand-in for a node's own daemon listens, on every address of the node. */
  private static final int DAEMON_PORT = 2222;

  @Test
  void aHostReachesAServerModuleOnTheNodesServiceAddressOnItsGrantedPortsOnly() throws Exception {
    String config = aliceMayListen(dir.resolve("alice.key"));
    startController(config);
    serviceNodes.serve("EchoServer", TestModules.echoServer(dir.resolve("echo")));
    try (MininetNetwork net = networkWithServiceAddress();
        DatagramSocket management = new DatagramSocket(0, InetAddress.getByName(serviceNodes.management()
            .controllerIp()))) {
      ModuleInstall echo = serviceNodes.install("alice", "EchoServer", Map.of("udp", "3478", "tcp", "80",
          "refused", "3479", "leak", serviceNodes.management().controllerIp() + ":" + management.getLocalPort()));
      agents.install("n1", echo).get(60, TimeUnit.SECONDS);

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
          .get("refused")).as("an ungranted port, refused in the user's words").isEqualTo("user 'alice' may not "
              + "listen on udp:3479: the user's listen-ports grant names only udp:3478, tcp:80");
      assertNoLeakReachesTheManagementNetwork(net, management.getLocalPort());
      assertNodeDaemonsAreNotReachableOnTheServiceAddress(net);
      assertANarrowedGrantRefusesWhatAnOldInstallCarried(config, echo);
    }
  }

  /**
   * Alice's grant narrows to udp:3478 (the controller reads its configuration again); the module installed anew
   * with the grant of old (tcp:80 too, as a deployment stored before would carry it) is refused tcp:80.
   */
  private void assertANarrowedGrantRefusesWhatAnOldInstallCarried(String config, ModuleInstall echo)
      throws Exception {
    expectedProblems = line -> line.contains("may not listen on tcp:80");
    Files.writeString(dir.resolve("controller.yaml"), serviceNodes.controllerYaml("of-listen: 127.0.0.1:0\n"
        + "rest-listen: 127.0.0.1:0\nnode-listen: " + serviceNodes.management().controllerIp() + ":0\nstore-path: "
        + dir.resolve("store-" + Integer.toHexString(config.hashCode())) + "\n",
        config.replace("listen-ports: [udp:3478, tcp:80]", "listen-ports: [udp:3478]")));
    controller.reload();
    agents.remove("n1", "alice", echo.module()).get(60, TimeUnit.SECONDS);
    ModuleInstall replayed = new ModuleInstall(echo.user(), echo.module(), echo.url(), echo.sha256(),
        echo.properties(), List.of("udp:3478", "tcp:80"));
    assertThatThrownBy(() -> agents.install("n1", replayed).get(60, TimeUnit.SECONDS))
        .as("the module's start, refused tcp:80 by the grant in force").hasMessageContaining(
            "may not listen on tcp:80");
  }

  /**
   * The module sends from its socket toward the management network for seconds; none of it leaves the node by
   * its management interface. (What leaves by the data plane may come back to this test's own namespace, where
   * the userspace datapath's switch ports live and answer ARP for every local address: not the management
   * network.)
   */
  private void assertNoLeakReachesTheManagementNetwork(MininetNetwork net, int port) throws Exception {
    Eventually.waitFor("the module's leak attempts", WAIT, () -> ServiceNodes.module(controller, "n1", "alice",
        "EchoServer_1.0").map(m -> ((Number) m.report().get("leaks")).longValue() >= 20).orElse(false));
    JsonNode captured = net.command(WAIT, "management_capture", Map.of("host", "n1", "port", port, "seconds", 3));
    assertThat(captured.get("packets").asInt()).as("datagrams from a module's socket out of n1's management "
        + "interface").isZero();
  }

  /** A daemon of the node's own on 0.0.0.0 answers on the node, but no host reaches it at the service address. */
  private static void assertNodeDaemonsAreNotReachableOnTheServiceAddress(MininetNetwork net) throws Exception {
    net.command(WAIT, "daemon_start", Map.of("host", "n1", "port", DAEMON_PORT));
    Eventually.waitFor("the stand-in daemon on n1", WAIT, () -> connects(net, "n1", "127.0.0.1"));
    JsonNode fromHost = net.command(WAIT, "tcp_connect", Map.of("src", "h1", "address", SERVICE_ADDRESS, "port",
        DAEMON_PORT));
    assertThat(fromHost.get("connected").asBoolean()).as("h1 to the node's daemon at the service address: %s",
        fromHost).isFalse();
    assertEchoes(net); // while the granted ports still answer
  }

  private static boolean connects(MininetNetwork net, String src, String address) {
    try {
      return net.command(WAIT, "tcp_connect", Map.of("src", src, "address", address, "port", DAEMON_PORT))
          .get("connected").asBoolean();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A controller configuration whose user alice may listen on udp:3478 and tcp:80. */
  private String aliceMayListen(Path aliceKey) throws Exception {
    SignalKeys.generate(aliceKey);
    return "signaling:\n  domain: d1\n  pool: pool\nusers:\n  - name: alice\n    public-key-file: "
        + SignalKeys.publicFile(aliceKey) + "\n    filter-prefixes: [" + FabricTraffic.USER_HOST + "/32]\n"
        + "    protocols: [udp]\n    max-services: 2\n    max-rate-kbps: 0\n    listen-ports: [udp:3478, tcp:80]\n";
  }

  @Test
  void aSignaledServerModuleGetsItsUsersGrantAndPROBEGivesItsNodesAddress() throws Exception {
    Path aliceKey = dir.resolve("alice.key");
    startController(aliceMayListen(aliceKey));
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

  /** One switch with node n1, whose agent has the service address (declared with it in node-agents too). */
  private MininetNetwork networkWithServiceAddress() throws Exception {
    serviceNodes.serviceAddress("n1", SERVICE_ADDRESS);
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
