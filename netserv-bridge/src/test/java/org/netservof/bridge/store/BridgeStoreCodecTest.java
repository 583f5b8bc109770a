package org.netservof.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.AwaitedHello;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.HandOff;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeHolder;
import org.netservof.bridge.api.NodeIntent;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.store.EmbeddedStoreService;
import org.netservof.controller.store.StoreCodec;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/** The bridge's intent reads back from the embedded store equal to what was stored, across a restart. */
class BridgeStoreCodecTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.5Z");
  private static final String SHA = "ab".repeat(32);

  @TempDir
  Path dir;

  private static ServiceRequest request(Optional<String> user) {
    Filter filter = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060)).withSrc("10.0.1.0/24")
        .withDst("10.0.0.0/24").withIngress(Set.of(new SwitchPort(DatapathId.of(1), OFPort.of(3))));
    return new ServiceRequest("sip-monitor", filter, "pool-1", SteeringMode.PROACTIVE,
        Optional.of(Duration.ofSeconds(3600)), user);
  }

  /** As the service registry registers one. */
  private static ServiceInfo service(int id) {
    ServiceRequest request = request(Optional.empty());
    return new ServiceInfo(id, request, NOW, request.ttl().map(NOW::plus));
  }

  /** As the deployment manager starts one and then marks it active. */
  private static Deployment deployment(int id) {
    ModuleInstall module = new ModuleInstall("alice", "NetMonitor_1.0", URI.create("http://modules.example/nm.jar"),
        SHA, Map.of("interval", "5s"));
    DeploymentRequest request = new DeploymentRequest(Deployment.Origin.SIGNALING, request(Optional.of("alice")),
        Optional.of(module), Optional.of("n1"), List.of("netmonitor-blocks"));
    return new Deployment(id, request, List.of("n1"), Deployment.State.INSTALLING, "installing on n1",
        Optional.empty(), NOW).with(List.of("n1", "n2"), Deployment.State.ACTIVE, "installed on n1,n2",
        Optional.of(7));
  }

  private static NodeIntent node() {
    return new NodeIntent(new NodeSpec("n1", "pool-1", new SwitchPort(DatapathId.of(2), OFPort.of(4)),
        MacAddress.of("02:00:00:00:00:04"), 10), 3, true);
  }

  private static <V> V roundTrip(Class<V> type, V value) {
    StoreCodec<Integer, V> codec = StoreCodec.of(StoreCodec.mapper(), Integer.class, type);
    return codec.value(codec.value(new Versioned<>(value, 1, Optional.empty()))).value();
  }

  @Test
  void everyBridgeValueReadsBackEqual() {
    assertThat(roundTrip(ServiceInfo.class, service(7))).isEqualTo(service(7));
    assertThat(roundTrip(Deployment.class, deployment(4))).isEqualTo(deployment(4));
    assertThat(roundTrip(NodeIntent.class, node())).isEqualTo(node());
  }

  /** As a cluster member writes one: taken by c1, its install on n2 handed to c2 and reported. */
  private static Deployment handedOff(int id) {
    Deployment d = deployment(id);
    return new Deployment(d.id(), d.request(), d.nodes(), Deployment.State.INSTALLING, "installing", Optional.empty(),
        NOW, Optional.of("c1"), Map.of("n2", new HandOff("c2", HandOff.State.FAILED, "node n2: digest mismatch")));
  }

  @Test
  void theClusterValuesReadBackEqual() {
    assertThat(roundTrip(Deployment.class, handedOff(5))).isEqualTo(handedOff(5));
    NodeHolder holder = new NodeHolder("c2", "10.0.9.1:41234", "eth1", List.of("java-modules"), List.of("alice"));
    assertThat(roundTrip(NodeHolder.class, holder)).isEqualTo(holder);
    AwaitedHello hello = new AwaitedHello("c1", new SwitchPort(DatapathId.of(2), OFPort.of(4)),
        MacAddress.of("02:00:00:00:00:04"), true);
    assertThat(roundTrip(AwaitedHello.class, hello)).isEqualTo(hello);
  }

  @Test
  void aDeploymentWrittenBeforeClustersReadsBackAsTakenAlone() {
    StoreCodec<Integer, Deployment> codec = StoreCodec.of(StoreCodec.mapper(), Integer.class, Deployment.class);
    String json = codec.value(new Versioned<>(deployment(4), 1, Optional.empty()))
        .replaceAll(",\"(member|handOffs)\":(null|\\{\\})", "");
    assertThat(json).doesNotContain("member").doesNotContain("handOffs");
    assertThat(codec.value(json).value()).isEqualTo(deployment(4));
  }

  @Test
  void theBridgeStoresKeepTheirValuesAcrossARestart() throws IOException {
    Path file = dir.resolve("intent.mv.db");
    try (EmbeddedStoreService stores = EmbeddedStoreService.open(file, false)) {
      BridgeStores.services(stores).put(7, service(7), service(7).expiresAt());
      BridgeStores.deployments(stores).put(4, deployment(4), Optional.empty());
      BridgeStores.nodes(stores).put("n1", node(), Optional.empty());
    }
    try (EmbeddedStoreService stores = EmbeddedStoreService.open(file, false)) {
      assertThat(BridgeStores.services(stores).get(7)).contains(new Versioned<>(service(7), 1,
          Optional.of(NOW.plusSeconds(3600))));
      assertThat(BridgeStores.deployments(stores).get(4)).map(Versioned::value).contains(deployment(4));
      assertThat(BridgeStores.nodes(stores).get("n1")).map(Versioned::value).contains(node());
    }
  }
}
