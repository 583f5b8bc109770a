package org.netservof.bridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentException;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.bridge.testing.RecordingFabric;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/** One deployment path and its ledger: what each deployment installs, shares and takes away. */
class DeploymentManagerTest {
  private static final String SHA = "ab".repeat(32);
  private RecordingFabric fabric;

  @BeforeEach
  void pool() {
    fabric = new RecordingFabric();
    fabric.node("n1", "pool", true);
    fabric.node("n2", "pool", true);
  }

  private Deployment deploy(Deployment.Origin origin, int port, String sha, Map<String, String> properties)
      throws DeploymentException {
    ServiceRequest service = new ServiceRequest("s" + port, Filter.of(Protocol.UDP).withDstPorts(PortRange.single(port)),
        "pool", SteeringMode.REACTIVE, Optional.of(Duration.ofSeconds(600)), Optional.of("alice"));
    ModuleInstall module = new ModuleInstall("alice", "NetMonitor_1.0", URI.create("http://modules.example/nm.jar"), sha,
        properties);
    return fabric.deployments.deploy(new DeploymentRequest(origin, service, Optional.of(module), Optional.empty(),
        List.of())).done().join();
  }

  @Test
  void theSameModuleBySignalingAndByTheApiSharesOneInstallAndLeavesWithTheLastOfThem() throws Exception {
    Deployment signaled = deploy(Deployment.Origin.SIGNALING, 5060, SHA, Map.of());
    Deployment api = deploy(Deployment.Origin.API, 5061, SHA, Map.of());
    assertThat(fabric.calls).filteredOn(c -> c.startsWith("install")).as("installed once per node")
        .containsExactly("install NetMonitor_1.0 for alice on n1", "install NetMonitor_1.0 for alice on n2");
    assertThat(api.state()).isEqualTo(Deployment.State.ACTIVE);
    assertThat(api.nodes()).containsExactly("n1", "n2");

    fabric.calls.clear();
    fabric.steering.remove(api.serviceId().orElseThrow());
    assertThat(fabric.calls).as("the signaled service still needs the module").containsExactly("unregister 2");
    assertThat(fabric.deployments.deploymentOfService(signaled.serviceId().orElseThrow())).isPresent();

    fabric.calls.clear();
    fabric.expire(signaled.serviceId().orElseThrow());
    assertThat(fabric.calls).containsExactly("expired 1", "uninstall NetMonitor_1.0 for alice from n1",
        "uninstall NetMonitor_1.0 for alice from n2");
    assertThat(fabric.deployments.deployments()).isEmpty();
  }

  @Test
  void anotherModuleOfTheSameNameForTheSameUserIsRefusedAndChangesNothing() throws Exception {
    deploy(Deployment.Origin.SIGNALING, 5060, SHA, Map.of());
    fabric.calls.clear();
    assertThatThrownBy(() -> deploy(Deployment.Origin.API, 5061, "cd".repeat(32), Map.of()))
        .isInstanceOfSatisfying(DeploymentException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("already runs NetMonitor_1.0 on node n1").hasMessageContaining("other bytes");
    assertThatThrownBy(() -> deploy(Deployment.Origin.API, 5061, SHA, Map.of("interval", "5")))
        .hasMessageContaining("other properties");
    assertThat(fabric.calls).isEmpty();
    assertThat(fabric.deployments.deployments()).hasSize(1);
  }

  @Test
  void anAgentThatLostItsModulesGetsThemAgainOnce() throws Exception {
    deploy(Deployment.Origin.SIGNALING, 5060, SHA, Map.of());
    deploy(Deployment.Origin.API, 5061, SHA, Map.of());
    fabric.calls.clear();
    fabric.deployments.agentSynced("n2", Map.of());
    fabric.deployments.agentSynced("n1", Map.of("alice", List.of("NetMonitor_1.0")));
    assertThat(fabric.calls).containsExactly("install NetMonitor_1.0 for alice on n2");
  }

  @Test
  void anAgentRunningAModuleNoDeploymentHasThereLosesItAndKeepsTheRightOnesUntouched() throws Exception {
    deploy(Deployment.Origin.SIGNALING, 5060, SHA, Map.of());
    fabric.calls.clear();
    fabric.deployments.agentSynced("n1", Map.of("alice", List.of("NetMonitor_1.0", "Stray_1.0"),
        "bob", List.of("NetMonitor_1.0")));
    assertThat(fabric.calls).containsExactlyInAnyOrder("uninstall Stray_1.0 for alice from n1",
        "uninstall NetMonitor_1.0 for bob from n1");
  }

  @Test
  void aDeploymentWhoseNodesAllInstalledItIsWrittenWhenItStartsAndWhenItIsActiveAndNotBetween() throws Exception {
    MemoryStoreService stores = new MemoryStoreService();
    fabric = new RecordingFabric(List.of(), stores);
    fabric.node("n1", "pool", true);
    List<String> writes = new ArrayList<>();
    BridgeStores.deployments(stores).addListener(e -> writes.add(e.type() + " " + e.after().map(
        d -> d.state() + " " + d.detail()).orElse("")), 0);

    Deployment d = deploy(Deployment.Origin.API, 5060, SHA, Map.of());

    // Each write waits for the disk (store-sync) on the way from "installed" to "in service": only intent counts.
    assertThat(writes).as("writes of deployment " + d.id()).hasSize(2);
    assertThat(writes.get(1)).startsWith("PUT ACTIVE");
  }

  @Test
  void aDeploymentWhoseSteeringFailsLeavesNothingBehind() {
    fabric.refuseRegistrations = true;
    assertThatThrownBy(() -> deploy(Deployment.Origin.API, 5060, SHA, Map.of())).hasMessageContaining(
        "cannot express the filter");
    assertThat(fabric.calls).filteredOn(c -> c.startsWith("uninstall")).hasSize(2);
    assertThat(fabric.deployments.deployments()).isEmpty();
  }
}
