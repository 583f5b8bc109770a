package org.netservof.bridge.deploy;

import java.util.List;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.DeploymentException;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;

/**
 * The nodes a deployment installs on: the healthy nodes of the service's pool whose agent is connected, or the
 * one it names, that offer the building blocks it needs.
 */
final class DeploymentTargets {
  private final NodePoolService pools;

  DeploymentTargets(NodePoolService pools) {
    this.pools = pools;
  }

  List<String> choose(DeploymentRequest request) throws DeploymentException {
    String pool = request.service().pool();
    List<NodeView> candidates = pools.nodes().stream().filter(n -> n.spec().pool().equals(pool) && n.healthy()
        && n.connected() && request.node().map(id -> id.equals(n.id())).orElse(true)).toList();
    if (candidates.isEmpty()) {
      throw new DeploymentException(503, request.node().map(id -> "node '" + id + "' is not a healthy, connected "
          + "node of pool '" + pool + "'").orElse("pool '" + pool + "' has no healthy, connected node"));
    }
    List<String> offering = candidates.stream().filter(n -> n.agent().map(AgentView::blocks).orElse(List.of())
        .containsAll(request.needs())).map(NodeView::id).sorted().toList();
    if (offering.isEmpty()) {
      throw new DeploymentException(503, "no node of pool '" + pool + "' offers " + request.needs());
    }
    return offering;
  }
}
