package org.netservof.bridge.nodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.NodeInfo;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringService;

/** Steering as the node manager sees it: nodes, their health and container marks; notes every call. */
final class RecordingSteering implements SteeringService {
  final List<String> calls = new ArrayList<>();
  private final Map<String, NodeInfo> nodes = new TreeMap<>();
  private final Map<String, Integer> marks = new TreeMap<>();

  @Override
  public CompletableFuture<Void> setUserRate(String user, int kbps) {
    calls.add("rate " + user + " " + kbps);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized NodeInfo addNode(NodeSpec node) {
    calls.add("add " + node.id() + " " + node.attachment());
    NodeInfo info = new NodeInfo(node, nodes.size() + 1, 3000 + nodes.size(), true, "added");
    nodes.put(node.id(), info);
    return info;
  }

  @Override
  public synchronized CompletableFuture<Void> removeNode(String nodeId) {
    calls.add("remove " + nodeId);
    nodes.remove(nodeId);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> drainNode(String nodeId) {
    calls.add("drain " + nodeId);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized void setNodeHealth(String nodeId, boolean healthy, String reason) throws SteeringException {
    NodeInfo n = nodes.get(nodeId);
    if (n == null) {
      throw new SteeringException("no node '" + nodeId + "'");
    }
    calls.add((healthy ? "healthy " : "unhealthy ") + nodeId);
    nodes.put(nodeId, new NodeInfo(n.spec(), n.index(), n.mark(), healthy, reason));
  }

  @Override
  public synchronized void setContainerReady(String nodeId, String user, boolean ready, String reason) {
    calls.add((ready ? "ready " : "not ready ") + nodeId + " " + user);
  }

  @Override
  public synchronized int containerMark(String nodeId, String user) {
    return marks.computeIfAbsent(nodeId + "/" + user, k -> 3100 + marks.size());
  }

  @Override
  public synchronized Optional<NodeInfo> node(String nodeId) {
    return Optional.ofNullable(nodes.get(nodeId));
  }

  @Override
  public synchronized List<NodeInfo> nodes() {
    return List.copyOf(nodes.values());
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public CompletableFuture<ServiceInfo> register(ServiceRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ServiceInfo refresh(int serviceId, Duration ttl) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<Void> remove(int serviceId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<ServiceInfo> service(int serviceId) {
    return Optional.empty();
  }

  @Override
  public List<ServiceInfo> services() {
    return List.of();
  }

  @Override
  public void addListener(SteeringListener listener) {}

  @Override
  public void removeListener(SteeringListener listener) {}
}
