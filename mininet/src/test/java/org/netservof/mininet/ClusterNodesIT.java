package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.store.StoreModule;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;
import org.netservof.rest.server.RestModule;

/**
 * Two members of a controller cluster in one JVM over one shared store, a real node agent given both: a
 * service created through the member that does not hold the node is installed by the member that does and
 * answered by the first; deleted there, it is uninstalled by the holder; when the holder stops, the agent
 * registers with the other member, and its container runs on untouched.
 */
class ClusterNodesIT {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private final MemoryStoreService stores = new MemoryStoreService();
  private ServiceNodes serviceNodes;
  private String yaml;
  private LogCapture log;
  private Controller a;
  private Controller b;

  @BeforeEach
  void start() throws Exception {
    log = new LogCapture();
    serviceNodes = new ServiceNodes(dir);
    yaml = serviceNodes.netServYaml(FabricTraffic.USER_HOST).replace("rest]", "rest, " + FakeClusterModule.NAME
        + "]");
    writeConfig();
    a = member("c1");
    b = member("c2");
  }

  @AfterEach
  void stop() {
    for (Controller c : new Controller[] {a, b}) {
      if (c != null) {
        c.close();
      }
    }
    serviceNodes.close();
    List<String> unexpected = log.unexpected(line -> line.contains("is connected to member c2")
        || line.contains("node agent lost") || line.contains("lost: its channel closed"));
    log.close();
    assertThat(unexpected).as("controller warnings and errors").isEmpty();
  }

  /** The members' configuration, without the embedded store's file: they share a store the test holds. */
  private void writeConfig() throws Exception {
    serviceNodes.writeControllerConfig(yaml);
    Path file = dir.resolve("controller.yaml");
    java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replaceAll("(?m)^store-path:.*\\n", ""));
  }

  /**
   * A member of the cluster: the NetServ modules over the shared store, named {@code instanceId}; the fake cluster
   * module stands in for the real one (no etcd here: both members write to both switches, as equals).
   */
  private Controller member(String instanceId) throws Exception {
    List<ControllerModule> modules = new ArrayList<>(Controller.discoverModules().stream()
        .filter(m -> !(m instanceof StoreModule) && !m.name().equals("cluster")).toList());
    modules.add(new SharedStoresModule(stores));
    modules.add(new FakeClusterModule(instanceId, List.of("c1", "c2")));
    return Controller.start(Optional.of(dir.resolve("controller.yaml")), Map.of(), modules, Clock.systemUTC());
  }

  /** Points every switch of the network at each controller (OpenFlow over TCP on loopback). */
  private static void connectToEach(MininetNetwork net, Controller... members) throws Exception {
    List<String> targets = new ArrayList<>();
    for (Controller c : members) {
      targets.add("tcp:127.0.0.1:" + c.openFlowAddress().getPort());
    }
    // By this run's bridge names: another run's bridges (a concurrent run, or leftovers of a crashed one) may
    // have the same DPIDs.
    java.util.Iterator<String> switches = net.description().get("switches").fieldNames();
    while (switches.hasNext()) {
      String bridge = net.description().get("prefix").asText() + switches.next();
      List<String> command = new ArrayList<>(List.of("ovs-vsctl", "set-controller", bridge));
      command.addAll(targets);
      run(command.toArray(String[]::new));
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }

  private static String channel(Controller c) {
    InetSocketAddress at = c.service(NodeAgentService.class).channelAddress().orElseThrow();
    return at.getAddress().getHostAddress() + ":" + at.getPort();
  }

  private static RestClient rest(Controller c) {
    return new RestClient("http://127.0.0.1:" + c.module(RestModule.class).orElseThrow().address().getPort());
  }

  private Optional<String> holder(String node) {
    return BridgeStores.nodeHolders(stores).get(node).map(v -> v.value().instanceId());
  }

  private static boolean connected(Controller c, String node) {
    return c.service(NodePoolService.class).node(node).map(NodeView::connected).orElse(false);
  }

  private static long containerPid(MininetNetwork net) throws Exception {
    return net.command(WAIT, "container_status", Map.of("node", "n1", "user", "alice")).get("pid").asLong();
  }

  private static String agentLog(MininetNetwork net) throws Exception {
    return net.command(WAIT, "agent_log", Map.of("node", "n1", "lines", 400)).toString();
  }

  private static int created(HttpResponse<String> answer) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return JSON.readTree(answer.body()).get("id").asInt();
  }

  @Test
  void anyMemberTakesTheRequestTheHolderInstallsAndTheNodeMovesWithItsContainersWhenItsMemberStops()
      throws Exception {
    try (MininetNetwork net = serviceNodes.steeringNetwork(a, 1, "1")) {
      connectToEach(net, a, b); // every switch connects to every member
      serviceNodes.declareNodes(net);
      writeConfig();
      a.reload();
      b.reload();
      net.command(WAIT, "agent_start", serviceNodes.agentCommand(a.service(NodeAgentService.class).channelAddress()
          .orElseThrow(), serviceNodes.tokenDir(), Map.of("node", "n1", "controller", channel(b) + "," + channel(a))));
      ServiceNodes.waitHealthy(net, b, "n1");
      assertThat(holder("n1")).contains("c2");
      Eventually.waitFor("member c1 sees n1 connected at c2", WAIT, () -> connected(a, "n1"));

      RestClient restA = rest(a);
      ModuleInstall netMonitor = serviceNodes.install("alice", "NetMonitor", Map.of());
      String body = RestClient.serviceJson(netMonitor, "reactive", "pool", 5060);
      int first = created(restA.send("POST", "/netserv/v1/services?wait=60", body, NetServDomain.TOKEN));
      // The holder hears of the container with the agent's next report, which may come just after the create
      // returns (the install's answer and steering no longer wait for a store write between them).
      Eventually.waitFor("c2 hears n1's container for alice", WAIT, () -> ServiceNodes.agent(b, "n1").containers()
          .stream().map(ContainerView::user).toList().equals(List.of("alice")));
      JsonNode deployment = JSON.readTree(restA.get("/netserv/v1/services/" + first).body());
      assertThat(deployment.toString()).contains("n1");

      assertThat(restA.send("DELETE", "/netserv/v1/services/" + first, null, NetServDomain.TOKEN).statusCode())
          .isEqualTo(204);
      Eventually.waitFor("the module uninstalled by member c2", WAIT, () -> {
        try {
          return agentLog(net).contains("container of alice stopped: its last module was removed");
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });

      created(restA.send("POST", "/netserv/v1/services?wait=60", body, NetServDomain.TOKEN));
      long pid = containerPid(net);
      b.close();
      b = null;
      Eventually.waitFor("n1 registered with member c1", Duration.ofSeconds(30),
          () -> holder("n1").equals(Optional.of("c1")) && connected(a, "n1"));
      Eventually.waitFor("c1 hears n1's containers", WAIT, () -> ServiceNodes.agent(a, "n1").containers().stream()
          .anyMatch(c -> c.user().equals("alice")));
      assertThat(containerPid(net)).as("alice's container kept running through the move").isEqualTo(pid);
      assertThat(a.service(NodePoolService.class).node("n1").orElseThrow()).as("n1 serves at c1")
          .satisfies(n -> assertThat(n.healthy()).as(n.status()).isTrue())
          .satisfies(n -> assertThat(n.agent().orElseThrow().readyUsers()).containsExactly("alice"));
      assertThat(agentLog(net).split("container of alice stopped", -1)).as("stopped once: by the delete").hasSize(2);
    }
  }
}
