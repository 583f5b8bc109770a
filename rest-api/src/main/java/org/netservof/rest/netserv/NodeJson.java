package org.netservof.rest.netserv;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.NodeView;

/**
 * A service node as the API shows it: where it is attached, whether steering uses it, and what its agent
 * last reported (containers, modules, counters). Nodes added by configuration have no agent report.
 *
 * @param attachment the switch port, "DPID/PORT"
 * @param state "healthy", "draining" (healthy, takes no new flows) or "unhealthy"
 * @param agent what its agent reports over the node channel, when it has one
 */
public record NodeJson(String id, String pool, String attachment, String mac, int weight, int mark, String state,
    String status, Optional<Agent> agent) {

  /** The agent's side: its channel and its containers as of the last heartbeat. */
  public record Agent(String address, boolean connected, Optional<Instant> lastHeartbeat,
      List<String> blocks, List<String> readyUsers, List<ContainerView> containers) {}

  static NodeJson of(NodeView n) {
    String state = !n.healthy() ? "unhealthy" : n.draining() ? "draining" : "healthy";
    return new NodeJson(n.id(), n.spec().pool(), n.spec().attachment().dpid() + "/"
        + n.spec().attachment().port().getPortNumber(), n.spec().mac().toString(), n.spec().weight(), n.mark(),
        state, n.status(), n.agent().map(a -> new Agent(a.address(), a.connected(), a.lastHeartbeat(), a.blocks(),
            a.readyUsers(), a.containers())));
  }
}
