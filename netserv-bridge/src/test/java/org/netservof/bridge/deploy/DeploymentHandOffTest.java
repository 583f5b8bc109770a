package org.netservof.bridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.Deploying;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentException;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.testing.RecordingFabric;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.testing.Eventually;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * Two members over one deployment store: a request taken by c1 for nodes c2 holds is installed by c2, answered
 * by c1 from the record, and its module leaves those nodes through c2 when c1 ends it.
 */
class DeploymentHandOffTest {
  private final MemoryStoreService stores = new MemoryStoreService();
  private final Map<String, String> holders = Map.of("n2", "c2", "broken2", "c2");
  private RecordingFabric c1;
  private RecordingFabric c2;

  @BeforeEach
  void members() {
    c1 = new RecordingFabric(stores, "c1", holders);
    c2 = new RecordingFabric(stores, "c2", holders);
    for (RecordingFabric member : List.of(c1, c2)) {
      member.node("n2", "pool", true);
      member.node("broken2", "broken", true);
      member.deployments.start();
    }
  }

  @AfterEach
  void stop() {
    c1.deployments.close();
    c2.deployments.close();
  }

  private Deploying deployAtC1(String pool) throws DeploymentException {
    ServiceRequest service = new ServiceRequest("mon", Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060)),
        pool, SteeringMode.REACTIVE, Optional.of(Duration.ofSeconds(600)), Optional.of("alice"));
    ModuleInstall module = new ModuleInstall("alice", "NetMonitor_1.0", URI.create("http://modules.example/nm.jar"),
        "ab".repeat(32), Map.of());
    return c1.deployments.deploy(new DeploymentRequest(Deployment.Origin.API, service, Optional.of(module),
        Optional.empty(), List.of()));
  }

  @Test
  void theHolderInstallsTheRequesterAnswersAndTheHolderUninstallsWhenTheRequesterEndsIt() throws Exception {
    Deployment done = deployAtC1("pool").done().get(10, TimeUnit.SECONDS);

    assertThat(done.state()).isEqualTo(Deployment.State.ACTIVE);
    assertThat(done.nodes()).containsExactly("n2");
    assertThat(done.member()).contains("c1");
    assertThat(done.handOffs()).as("settled: the record carries none any more").isEmpty();
    assertThat(c2.calls).containsExactly("install NetMonitor_1.0 for alice on n2");
    assertThat(c1.calls).filteredOn(c -> c.startsWith("install")).as("c1 holds no node").isEmpty();
    assertThat(c2.deployments.deployment(done.id())).contains(done);

    c1.steering.remove(done.serviceId().orElseThrow());
    Eventually.waitFor("c2 takes the module off n2", Duration.ofSeconds(5),
        () -> c2.calls.contains("uninstall NetMonitor_1.0 for alice from n2"));
    assertThat(c1.calls).filteredOn(c -> c.startsWith("uninstall")).isEmpty();
  }

  @Test
  void anInstallTheHolderFailsFailsTheDeploymentWithTheNodesReasonAndLeavesNothing() throws Exception {
    Deploying deploying = deployAtC1("broken");

    assertThat(deploying.done()).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(
        java.util.concurrent.ExecutionException.class).havingCause().isInstanceOfSatisfying(
            DeploymentException.class, e -> assertThat(e.getMessage()).contains("broken2").contains("digest mismatch"));
    assertThat(c2.calls).containsExactly("install NetMonitor_1.0 for alice on broken2");
    assertThat(c1.deployments.deployments()).isEmpty();
    assertThat(c1.calls).as("no steering for it").noneMatch(c -> c.startsWith("register"));
  }
}
