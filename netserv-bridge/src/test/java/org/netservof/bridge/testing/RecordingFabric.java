package org.netservof.bridge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.deploy.DeploymentManager;
import org.netservof.bridge.deploy.PublisherChannel;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.protocol.url.UrlPolicy;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Steering, pools and node agents that record what the deployment path asks of them, around the real
 * {@link DeploymentManager} on a memory store: every call lands in {@link #calls}, so a test sees exactly
 * what a request changed, and that a refused one changed nothing.
 */
public final class RecordingFabric {
  public final List<String> calls = new ArrayList<>();
  public final Map<Integer, ServiceInfo> services = new TreeMap<>();
  public final List<NodeView> nodes = new ArrayList<>();
  /** Nodes whose agents answer an update with a refusal (as a container without the module does). */
  public final List<String> updateRefusedOn = new ArrayList<>();
  /** What the agents say modules published, by node id (any user and module). */
  public final Map<String, org.netservof.bridge.api.ModuleReport> reports = new TreeMap<>();
  private final List<SteeringListener> listeners = new ArrayList<>();
  /** Every install asked of a node, in order. */
  public final List<ModuleInstall> installs = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** When set, installs complete only when it does (an install in progress). */
  public CompletableFuture<Void> installGate;
  /** When set, steering refuses registrations (a filter a switch cannot express, say). */
  public boolean refuseRegistrations;
  private int nextId = 1;

  public final SteeringServiceAdapter steering = new Steering();
  public final NodePoolServiceAdapter pools = new NodePoolServiceAdapter() {
    @Override
    public List<NodeView> nodes() {
      return List.copyOf(nodes);
    }
  };
  public final NodeAgentServiceAdapter agents = new Agents();
  public final DeploymentManager deployments;
  /** Property updates over the same store and agents. */
  public final PublisherChannel updates;
  /** In a cluster: this member's instance id, and which member holds each node (shared by a test's members). */
  private final Optional<String> member;
  private final Map<String, String> holders;

  /** Module URLs to public addresses only, as without {@code module-repositories}. */
  public RecordingFabric() {
    this(List.of());
  }

  /** Module URLs under these prefixes only ({@code module-repositories}). */
  public RecordingFabric(List<String> moduleRepositories) {
    this(moduleRepositories, new MemoryStoreService());
  }

  /** Module URLs under these prefixes only, deployments kept in these stores. */
  public RecordingFabric(List<String> moduleRepositories, StoreService stores) {
    this(moduleRepositories, stores, Optional.empty(), Map.of());
  }

  /**
   * A member of a cluster named {@code member}, over the stores its members share; {@code holders} says which
   * member holds each node's connection (none: this one). Call its deployments' {@code start()}.
   */
  public RecordingFabric(StoreService stores, String member, Map<String, String> holders) {
    this(List.of(), stores, Optional.of(member), holders);
  }

  private RecordingFabric(List<String> moduleRepositories, StoreService stores, Optional<String> member,
      Map<String, String> holders) {
    this.member = member;
    this.holders = holders;
    deployments = new DeploymentManager(stores, Optional.of(agents),
        steering, pools, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC),
        new UrlPolicy("module-repositories", moduleRepositories));
    steering.addListener(deployments);
    updates = new PublisherChannel(stores, Optional.of(agents));
  }

  /**
   * A node of the pool with a connected agent offering the blocks, service address 10.0.0.10N; an unhealthy one
   * is silent.
   */
  public void node(String id, String pool, boolean healthy, String... blocks) {
    int n = nodes.size() + 1;
    AgentView agent = new AgentView("10.0.9." + n, "eth0", true, Optional.empty(), List.of(blocks), List.of(),
        List.of(), Optional.of("10.0.0.10" + n));
    nodes.add(new NodeView(new NodeSpec(id, pool, new SwitchPort(DatapathId.of(1), OFPort.of(9 + n)),
        MacAddress.of("0a:00:00:00:09:0" + n), 1), n, 3000 + n, healthy, false, healthy ? "ok" : "silent",
        Optional.of(agent)));
  }

  /** Steering lets a service's ttl run out. */
  public void expire(int id) {
    ServiceInfo gone = services.remove(id);
    calls.add("expired " + id);
    List.copyOf(listeners).forEach(l -> l.serviceRemoved(gone, "ttl expired"));
  }

  private final class Steering extends SteeringServiceAdapter {
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
      List.copyOf(listeners).forEach(l -> l.serviceRemoved(gone, "removed"));
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
  }

  private final class Agents extends NodeAgentServiceAdapter {
    @Override
    public Optional<String> instanceId() {
      return member;
    }

    @Override
    public Optional<String> heldElsewhere(String nodeId) {
      return Optional.ofNullable(holders.get(nodeId)).filter(m -> !Optional.of(m).equals(member));
    }

    @Override
    public CompletableFuture<Void> install(String nodeId, ModuleInstall install) {
      calls.add("install " + install.module() + " for " + install.user() + " on " + nodeId);
      installs.add(install);
      if (nodeId.startsWith("broken")) {
        return CompletableFuture.failedFuture(new IllegalStateException("digest mismatch"));
      }
      return installGate != null ? installGate : CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> remove(String nodeId, String user, String module) {
      calls.add("uninstall " + module + " for " + user + " from " + nodeId);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public Map<String, org.netservof.bridge.api.ModuleReport> reports(String user, String module) {
      Map<String, org.netservof.bridge.api.ModuleReport> out = new TreeMap<>();
      reports.forEach((node, r) -> {
        if (r.user().equals(user) && r.module().equals(module)) {
          out.put(node, r);
        }
      });
      return out;
    }

    @Override
    public CompletableFuture<Void> update(String nodeId, String user, String module, Map<String, String> properties) {
      calls.add("update " + module + " for " + user + " on " + nodeId + " " + new TreeMap<>(properties));
      return updateRefusedOn.contains(nodeId) ? CompletableFuture.failedFuture(new IllegalStateException(
          "the container of " + user + " has no module " + module)) : CompletableFuture.completedFuture(null);
    }
  }
}
