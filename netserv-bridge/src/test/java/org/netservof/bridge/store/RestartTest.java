package org.netservof.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.nodes.NodesModule;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.store.StoreModule;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.SharedStoreModule;
import org.netservof.controller.testing.TcpSwitch;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The steering and deployment modules started, stopped and started again over the same stores, as a controller
 * restarted over its durable store: what was intended is back, and a lease that ran out meanwhile is over.
 */
class RestartTest {
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));
  private static final Filter RTP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5004));
  private static final Filter DNS = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(53));
  @TempDir
  Path dir;
  private final MemoryStoreService stores = new MemoryStoreService();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-05T03:00:00Z"));
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private Controller controller;
  private TcpSwitch sw;

  @AfterEach
  void stop() throws Exception {
    if (sw != null) {
      sw.close();
    }
    if (controller != null) {
      controller.close();
    }
  }

  private void start() throws Exception {
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, """
        of-listen: 127.0.0.1:0
        modules: [steering, deployments, fake-agents]
        steering:
          nodes:
            - {id: n1, pool: pool, dpid: "00:00:00:00:00:00:00:01", port: 4, mac: "0a:00:00:00:09:01", weight: 1}
        """);
    List<ControllerModule> modules = new ArrayList<>(Controller.discoverModules().stream()
        .filter(m -> !(m instanceof StoreModule) && !(m instanceof NodesModule)).toList());
    modules.add(new SharedStoreModule(stores));
    modules.add(new FakeAgentsModule(calls));
    controller = Controller.start(Optional.of(config), Map.of(), modules, clock);
    sw = new TcpSwitch(controller.openFlowAddress(), OFVersion.OF_10, DatapathId.of(1), 8);
    Eventually.waitFor("node n1 to serve once its switch is connected", Duration.ofSeconds(10),
        () -> controller.service(NodePoolService.class).node("n1").map(NodeView::healthy).orElse(false));
  }

  private void restart() throws Exception {
    sw.close();
    controller.close();
    controller = null;
    start();
  }

  /** Deploys a service; a signaled one with its module (named after the service) on n1. */
  private Deployment deploy(Deployment.Origin origin, String name, Filter filter, long ttlSeconds) throws Exception {
    Optional<ModuleInstall> module = origin == Deployment.Origin.SIGNALING ? Optional.of(new ModuleInstall("alice",
        "Mod-" + name + "_1.0", URI.create("http://modules.example.net/" + name + ".jar"), "ab".repeat(32),
        Map.of())) : Optional.empty();
    ServiceRequest service = new ServiceRequest(name, filter, "pool", SteeringMode.REACTIVE,
        Optional.of(Duration.ofSeconds(ttlSeconds)), Optional.of("alice"));
    return controller.service(DeploymentService.class).deploy(new DeploymentRequest(origin, service, module,
        Optional.empty(), List.of())).done().get(10, TimeUnit.SECONDS);
  }

  @Test
  void servicesDeploymentsAndNodesComeBackAndALeaseThatRanOutWhileDownIsOver() throws Exception {
    start();
    Deployment signaled = deploy(Deployment.Origin.SIGNALING, "sig1-alice", SIP, 600);
    Deployment rest = deploy(Deployment.Origin.API, "voip", RTP, 600);
    Deployment shortLived = deploy(Deployment.Origin.SIGNALING, "sig2-alice", DNS, 30);
    Deployment removed = deploy(Deployment.Origin.API, "gone", SIP.withDstPorts(PortRange.single(5070)), 600);
    controller.service(SteeringAdminService.class).remove(removed.serviceId().orElseThrow()).get(5, TimeUnit.SECONDS);
    NodePoolAdminService pools = controller.service(NodePoolAdminService.class);
    pools.addNode(new NodeSpec("n2", "pool", SwitchPort.of(1, 5), MacAddress.of("0a:00:00:00:09:02"), 2));
    pools.drainNode("n2").get(5, TimeUnit.SECONDS);
    List<ServiceInfo> before = controller.service(SteeringService.class).services();

    clock.advance(Duration.ofSeconds(60)); // down for a minute: the 30 s lease runs out meanwhile
    calls.clear();
    restart();

    SteeringService steering = controller.service(SteeringService.class);
    DeploymentService deployments = controller.service(DeploymentService.class);
    assertThat(steering.services()).as("the expired service is gone at start; the others have their absolute "
        + "deadlines").containsExactlyElementsOf(before.stream()
        .filter(s -> s.id() != shortLived.serviceId().get()).toList());
    Eventually.waitFor("the expired service's deployment to go", Duration.ofSeconds(5),
        () -> deployments.deployments().size() == 2);
    assertThat(deployments.deployments()).extracting(Deployment::id).containsExactly(signaled.id(), rest.id());
    assertThat(calls).as("the expired service's module left its node")
        .containsExactly("uninstall Mod-sig2-alice_1.0 for alice from n1");
    NodePoolService nodes = controller.service(NodePoolService.class);
    assertThat(nodes.node("n2")).as("a node added over the API, drained").hasValueSatisfying(n -> {
      assertThat(n.draining()).isTrue();
      assertThat(n.spec().weight()).isEqualTo(2);
    });
    Deployment next = deploy(Deployment.Origin.API, "after", SIP.withDstPorts(PortRange.single(5080)), 600);
    assertThat(next.id()).as("deployment ids are not reused").isEqualTo(removed.id() + 1);
    assertThat(next.serviceId()).as("service ids are not reused").contains(removed.serviceId().get() + 1);
  }
}
