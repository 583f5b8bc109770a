package org.netservof.bridge.signaling;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeInfo;
import org.netservof.bridge.api.NodeService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeStatus;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringService;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Steering and nodes that record what signaling asks of them: every call lands in {@link #calls}, so a test
 * sees exactly what a request changed, and that a refused one changed nothing.
 */
final class FakeFabric {
  final List<String> calls = new ArrayList<>();
  final Map<Integer, ServiceInfo> services = new HashMap<>();
  final List<NodeStatus> nodes = new ArrayList<>();
  private final List<SteeringListener> listeners = new ArrayList<>();
  /** When set, installs complete only when it does (an install in progress). */
  CompletableFuture<Void> installGate;
  /** When set, steering refuses registrations (a filter a switch cannot express, say). */
  boolean refuseRegistrations;
  private int nextId = 1;

  void node(String id, String pool, boolean healthy, String... blocks) {
    nodes.add(new NodeStatus(id, pool, new SwitchPort(DatapathId.of(1), OFPort.of(10 + nodes.size())),
        "0a:00:00:00:09:0" + (nodes.size() + 1), "eth0", 1, List.of(blocks), "10.0.9." + (nodes.size() + 1),
        true, healthy, healthy ? "ok" : "silent", Optional.empty(), List.of(), List.of()));
  }

  /** Steering lets a service's ttl run out. */
  void expire(int id) {
    ServiceInfo gone = services.remove(id);
    calls.add("expired " + id);
    listeners.forEach(l -> l.serviceRemoved(gone, "ttl expired"));
  }

  final SteeringService steering = new SteeringService() {
    @Override
    public CompletableFuture<ServiceInfo> register(ServiceRequest request) throws SteeringException {
      if (refuseRegistrations) {
        throw new SteeringException("switch 00:00:00:00:00:00:00:01 cannot express the filter");
      }
      int id = nextId++;
      ServiceInfo info = new ServiceInfo(id, request, Instant.EPOCH, request.ttl().map(Instant.EPOCH::plus));
      services.put(id, info);
      calls.add("register " + id + " " + request.filter() + " user " + request.user().orElse("-") + " ttl "
          + request.ttl().map(Duration::getSeconds).orElse(0L));
      return CompletableFuture.completedFuture(info);
    }

    @Override
    public CompletableFuture<Void> setUserRate(String user, int kbps) {
      if (kbps > 0) {
        calls.add("cap " + user + " " + kbps + " kbps");
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public ServiceInfo refresh(int serviceId, Duration ttl) {
      calls.add("refresh " + serviceId + " ttl " + ttl.getSeconds());
      return services.get(serviceId);
    }

    @Override
    public CompletableFuture<Void> remove(int serviceId) throws SteeringException {
      ServiceInfo gone = services.remove(serviceId);
      if (gone == null) {
        throw new SteeringException("no service " + serviceId);
      }
      calls.add("unregister " + serviceId);
      listeners.forEach(l -> l.serviceRemoved(gone, "removed"));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<ServiceInfo> service(int serviceId) {
      return Optional.ofNullable(services.get(serviceId));
    }

    @Override
    public List<ServiceInfo> services() {
      return List.copyOf(services.values());
    }

    @Override
    public void addListener(SteeringListener listener) {
      listeners.add(listener);
    }

    @Override
    public void removeListener(SteeringListener listener) {
      listeners.remove(listener);
    }

    @Override
    public NodeInfo addNode(NodeSpec node) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> removeNode(String nodeId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> drainNode(String nodeId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setNodeHealth(String nodeId, boolean healthy, String reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setContainerReady(String nodeId, String user, boolean ready, String reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int containerMark(String nodeId, String user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<NodeInfo> node(String nodeId) {
      return Optional.empty();
    }

    @Override
    public List<NodeInfo> nodes() {
      return List.of();
    }
  };

  final NodeService nodeService = new NodeService() {
    @Override
    public Optional<InetSocketAddress> channelAddress() {
      return Optional.empty();
    }

    @Override
    public List<NodeStatus> nodes() {
      return List.copyOf(nodes);
    }

    @Override
    public Optional<NodeStatus> node(String nodeId) {
      return nodes.stream().filter(n -> n.id().equals(nodeId)).findFirst();
    }

    @Override
    public CompletableFuture<Void> install(String nodeId, ModuleInstall install) {
      calls.add("install " + install.module() + " for " + install.user() + " on " + nodeId);
      if (nodeId.startsWith("broken")) {
        return CompletableFuture.failedFuture(new IllegalStateException("digest mismatch"));
      }
      return installGate != null ? installGate : CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Map<String, Optional<String>>> installOnPool(String pool, ModuleInstall install) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> remove(String nodeId, String user, String module) {
      calls.add("uninstall " + module + " for " + user + " from " + nodeId);
      return CompletableFuture.completedFuture(null);
    }
  };
}
