package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.testing.Eventually;

/**
 * A real node agent fetching modules on Mininet: it holds module URLs to its own --module-repositories even
 * when the controller does not (the node channel is used directly here, below the controller's own check),
 * and one user's dribbling URL holds up neither another user's install and remove nor its own remove.
 */
class ModuleFetchIT extends ServiceNodeFixture {
  private static final Duration WAIT = ServiceNodes.WAIT;
  /** The one sentence a requester hears when a node cannot have a module (the node's log says why). */
  private static final String NOT_FETCHED = "the module could not be fetched from its URL, or its bytes do not "
      + "match its sha256 (the node's log says which)";

  @Test
  void aNodeRefusesAUrlOutsideItsRepositoriesAndASlowFetchHoldsUpNoRemoveAndNoOtherUser() throws Exception {
    expectedProblems = line -> line.contains("install of") || line.contains(NOT_FETCHED)
        || line.contains("lost: its channel closed");
    try (MininetNetwork net = serviceNodes.steeringNetwork(controller, 1, "1")) {
      serviceNodes.startAgents(net, controller);
      ModuleInstall good = serviceNodes.install("carol", "NetMonitor", Map.of());
      ModuleInstall unlisted = new ModuleInstall("carol", good.module(), serviceNodes.unlistedUrl("NetMonitor"),
          good.sha256(), Map.of());
      assertThatThrownBy(() -> agents.install("n1", unlisted).get(60, TimeUnit.SECONDS))
          .hasRootCauseMessage("node n1: " + NOT_FETCHED);
      assertThat(serviceNodes.unlistedHits()).as("the node did not ask").isZero();

      ModuleInstall bobs = new ModuleInstall("bob", "NetMonitor_1.0", java.net.URI.create(
          serviceNodes.moduleRepository() + "slow/NetMonitor.jar"), good.sha256(), Map.of());
      CompletableFuture<Void> slow = agents.install("n1", bobs);
      agents.install("n1", serviceNodes.install("alice", "NetMonitor", Map.of())).get(60, TimeUnit.SECONDS);
      assertThat(slow).as("alice's install came back while bob's fetch still dribbled").isNotDone();
      agents.remove("n1", "alice", "NetMonitor_1.0").get(60, TimeUnit.SECONDS);
      assertThat(slow).as("so did alice's remove").isNotDone();
      agents.remove("n1", "bob", "NetMonitor_1.0").get(60, TimeUnit.SECONDS);
      assertThatThrownBy(() -> slow.get(60, TimeUnit.SECONDS)).as("bob's remove cancelled his install")
          .hasRootCauseMessage("node n1: the install was cancelled: a remove of the module came first");
      Eventually.waitFor("no container left behind", WAIT,
          () -> ServiceNodes.agent(controller, "n1").containers().isEmpty());
    }
  }
}
