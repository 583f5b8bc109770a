package org.netservof.bridge.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.PoolView;
import org.netservof.bridge.api.SteeringException;

/** Node pools that have no node and accept every report: a test overrides the calls it cares about. */
public class NodePoolServiceAdapter implements NodePoolService, NodePoolAdminService, NodeHealthService {
  @Override
  public Optional<NodeView> node(String nodeId) {
    return nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst();
  }

  @Override
  public List<NodeView> nodes() {
    return List.of();
  }

  @Override
  public Optional<PoolView> pool(String name) {
    return Optional.empty();
  }

  @Override
  public List<PoolView> pools() {
    return List.of();
  }

  @Override
  public NodeView addNode(NodeSpec node) throws SteeringException {
    throw new SteeringException("this test's pools take no node");
  }

  @Override
  public CompletableFuture<Void> removeNode(String nodeId) throws SteeringException {
    throw new SteeringException("no node '" + nodeId + "'");
  }

  @Override
  public CompletableFuture<Void> drainNode(String nodeId) throws SteeringException {
    throw new SteeringException("no node '" + nodeId + "'");
  }

  @Override
  public void setNodeHealth(String nodeId, boolean healthy, String reason) throws SteeringException {}

  @Override
  public void setContainerReady(String nodeId, String user, boolean ready, String reason) {}

  @Override
  public int containerMark(String nodeId, String user) throws SteeringException {
    throw new SteeringException("no node '" + nodeId + "'");
  }

  @Override
  public void reportAgent(String nodeId, Optional<AgentView> agent) {}
}
