package org.netservof.bridge.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A node as the controller sees it now: the one shape of a node outside the node channel.
 *
 * @param spec what it is and where it is plugged in (intent)
 * @param index its number: the node field of cookies
 * @param mark the VLAN id that carries frames to it across the fabric
 * @param healthy whether flows may go to it: its port is up and nothing reported it unhealthy
 * @param draining whether an operator is draining it: no new flows go to it, the ones it has finish there
 * @param status why it is (un)healthy, for people
 * @param agent what its agent reports over the node channel; empty for a node added by configuration
 */
public record NodeView(NodeSpec spec, int index, int mark, boolean healthy, boolean draining, String status,
    Optional<AgentView> agent) {
  public NodeView {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(agent, "agent");
  }

  public String id() {
    return spec.id();
  }

  /** Whether new flows may go to it: healthy and not draining. */
  public boolean takesNewFlows() {
    return healthy && !draining;
  }

  /** Whether its agent's channel is up. */
  public boolean connected() {
    return agent.map(AgentView::connected).orElse(false);
  }
}
