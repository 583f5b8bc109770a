package org.netservof.bridge.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.testing.NodePoolServiceAdapter;

/** Node pools as the node manager sees them: nodes, their health and container marks; notes every call. */
final class RecordingPools extends NodePoolServiceAdapter {
  final List<String> calls = new ArrayList<>();
  private final Map<String, NodeView> nodes = new TreeMap<>();
  private final Map<String, Integer> marks = new TreeMap<>();

  @Override
  public synchronized NodeView addNode(NodeSpec node) {
    calls.add("add " + node.id() + " " + node.attachment());
    NodeView view = new NodeView(node, nodes.size() + 1, 3000 + nodes.size(), true, false, "added", Optional.empty());
    nodes.put(node.id(), view);
    return view;
  }

  @Override
  public synchronized CompletableFuture<Void> removeNode(String nodeId) {
    calls.add("remove " + nodeId);
    nodes.remove(nodeId);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized void setNodeHealth(String nodeId, boolean healthy, String reason) throws SteeringException {
    NodeView n = nodes.get(nodeId);
    if (n == null) {
      throw new SteeringException("no node '" + nodeId + "'");
    }
    calls.add((healthy ? "healthy " : "unhealthy ") + nodeId);
    nodes.put(nodeId, new NodeView(n.spec(), n.index(), n.mark(), healthy, n.draining(), reason, n.agent()));
  }

  @Override
  public synchronized void setContainerReady(String nodeId, String user, boolean ready, String reason) {
    calls.add((ready ? "ready " : "not ready ") + nodeId + " " + user);
  }

  @Override
  public synchronized void reportAgent(String nodeId, Optional<AgentView> agent) {
    NodeView n = nodes.get(nodeId);
    if (n != null) {
      nodes.put(nodeId, new NodeView(n.spec(), n.index(), n.mark(), n.healthy(), n.draining(), n.status(), agent));
    }
  }

  @Override
  public synchronized int containerMark(String nodeId, String user) {
    return marks.computeIfAbsent(nodeId + "/" + user, k -> 3100 + marks.size());
  }

  @Override
  public synchronized List<NodeView> nodes() {
    return List.copyOf(nodes.values());
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }
}
