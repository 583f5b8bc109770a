package org.netservof.rest.netserv;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.netservof.bridge.api.NodeInfo;
import org.netservof.bridge.api.NodeStatus;
import org.netservof.protocol.node.ChannelMessage.ContainerStats;

/**
 * A service node as the API shows it: where it is attached, whether steering uses it, and what its agent
 * last reported (containers, modules, counters). Nodes added by hand to steering have no agent report.
 *
 * @param attachment the switch port, "DPID/PORT"
 * @param state "healthy", "draining" (healthy, takes no new flows) or "unhealthy"
 * @param agent what its agent reports over the node channel, when it has one
 */
public record NodeView(String id, String pool, String attachment, String mac, int weight, int mark, String state,
    String status, Optional<Agent> agent) {

  /** The agent's side: its channel and its containers as of the last heartbeat. */
  public record Agent(String address, boolean connected, Optional<Instant> lastHeartbeat,
      List<String> blocks, List<String> readyUsers, List<ContainerStats> containers) {}

  static NodeView of(NodeInfo steering, Optional<NodeStatus> agent) {
    String state = !steering.healthy() ? "unhealthy" : steering.draining() ? "draining" : "healthy";
    return new NodeView(steering.spec().id(), steering.spec().pool(), steering.spec().attachment().dpid() + "/"
        + steering.spec().attachment().port().getPortNumber(), steering.spec().mac().toString(),
        steering.spec().weight(), steering.mark(), state, steering.status(), agent.map(a -> new Agent(a.address(),
            a.connected(), a.lastHeartbeat(), a.blocks(), a.readyUsers(), a.containers())));
  }
}
