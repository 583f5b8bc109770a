package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * A controller restarted (over the same stores, on the same addresses) under real node agents: the agents
 * keep their containers while it is away, register again, and the controller reconciles them with its
 * ledger: the container it has a deployment for keeps running untouched, one it knows nothing of goes.
 */
class NodeRestartIT extends ServiceNodeFixture {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));

  /** A controller over the same embedded store as the last one (closed first), with the given overrides. */
  private void startOverStores(Map<String, String> overrides) throws Exception {
    controller.close();
    controller = serviceNodes.startController("", overrides);
    steering = controller.service(SteeringAdminService.class);
    pools = controller.service(NodePoolService.class);
    agents = controller.service(NodeAgentService.class);
  }

  private JsonNode sip(MininetNetwork net, int sportBase) throws Exception {
    return net.command(Duration.ofMinutes(2), "udp", Map.of("src", "h1", "dst", "h2", "dport", 5060, "flows", 10,
        "packets", 3, "sport_base", sportBase));
  }

  private static Optional<Integer> packets(Controller c) {
    return ServiceNodes.module(c, "n1", "alice", "NetMonitor_1.0")
        .map(m -> ((Number) m.report().get("packets")).intValue());
  }

  @Test
  void aRestartedControllerKeepsTheContainersItsLedgerHasAndRemovesTheOthers() throws Exception {
    expectedProblems = line -> line.contains("lost: its channel closed") || line.contains("lost: no heartbeat");
    startOverStores(Map.of());
    try (MininetNetwork net = serviceNodes.steeringNetwork(controller, 1, "1")) {
      serviceNodes.startAgents(net, controller);
      Deployment d = controller.service(DeploymentService.class).deploy(new DeploymentRequest(Deployment.Origin.API,
          new ServiceRequest("mon", SIP, "pool", SteeringMode.REACTIVE, Optional.empty(), Optional.of("alice")),
          Optional.of(serviceNodes.install("alice", "NetMonitor", Map.of())), Optional.empty(), List.of()))
          .done().get(90, TimeUnit.SECONDS);
      assertThat(d.nodes()).containsExactly("n1");
      // A module the ledger does not know: installed on the node behind the deployments' back.
      agents.install("n1", serviceNodes.install("bob", "NetMonitor", Map.of())).get(60, TimeUnit.SECONDS);
      assertThat(sip(net, 20000).get("received").get("5060").get("packets").asInt()).isEqualTo(30);
      Eventually.waitFor("NetMonitor's count of 30", WAIT, () -> packets(controller).equals(Optional.of(30)));

      startOverStores(ServiceNodes.sameAddresses(controller));

      ServiceNodes.waitHealthy(net, controller, "n1");
      Eventually.waitFor("bob's stray module removed", WAIT, () -> agentLog(net).contains(
          "container of bob stopped: its last module was removed"));
      assertThat(packets(controller)).as("alice's NetMonitor kept running: its count goes on").contains(30);
      assertThat(ServiceNodes.agent(controller, "n1").containers()).extracting(ContainerView::user)
          .containsExactly("alice");
      assertThat(agentLog(net)).as("alice's container was never stopped")
          .doesNotContain("container of alice stopped");
      assertThat(sip(net, 30000).get("received").get("5060").get("packets").asInt()).isEqualTo(30);
      Eventually.waitFor("new flows after the restart steered through it too", WAIT,
          () -> packets(controller).equals(Optional.of(60)));
    }
  }

  private static String agentLog(MininetNetwork net) {
    try {
      return net.command(WAIT, "agent_log", Map.of("node", "n1")).toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
