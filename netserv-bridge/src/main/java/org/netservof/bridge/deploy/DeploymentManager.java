package org.netservof.bridge.deploy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import org.netservof.bridge.api.AgentListener;
import org.netservof.bridge.api.Deploying;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentException;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.DeploymentStore;
import org.netservof.bridge.api.HandOff;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.bridge.store.LastIds;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.controller.api.store.Versioned;
import org.netservof.protocol.url.UrlPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment path: a deployment is written to its store as INSTALLING with its target nodes, the
 * module goes on each node that does not run it yet for its user (the ledger counts the store), steering
 * is registered for the nodes that installed it, and the deployment becomes ACTIVE. When its service goes
 * (removed, expired), the deployment leaves the store and the module leaves each node no other deployment
 * still needs. A failure at any step takes back what the deployment installed.
 */
public final class DeploymentManager implements DeploymentService, SteeringListener, AgentListener {
  private static final Logger log = LoggerFactory.getLogger(DeploymentManager.class);

  private final DeploymentStore store;
  private final LastIds ids;
  private final InstallLedger ledger;
  private final ModuleInstaller installer;
  private final SteeringAdminService steering;
  private final DeploymentTargets targets;
  private final Clock clock;
  private final UrlPolicy moduleSources;
  private final Optional<NodeAgentService> agents;
  private final NodePoolService pools;
  /** In a cluster: this member's instance id and the store hand-off to the other members; empty alone. */
  private final Optional<String> self;
  private final Optional<HandOffs> handOffs;
  private final Object lock = new Object();

  /**
   * @param moduleSources where module URLs may point ({@code module-repositories}), checked before any node is
   *     asked; each node checks again with its own
   */
  public DeploymentManager(StoreService stores, Optional<NodeAgentService> agents, SteeringAdminService steering,
      NodePoolService pools, Clock clock, UrlPolicy moduleSources) {
    this.store = BridgeStores.deployments(stores);
    this.ids = BridgeStores.lastIds(stores, "deployments");
    this.ledger = new InstallLedger(store);
    this.installer = new ModuleInstaller(agents, pools);
    this.steering = steering;
    this.targets = new DeploymentTargets(pools);
    this.clock = clock;
    this.moduleSources = moduleSources;
    this.agents = agents;
    this.pools = pools;
    this.self = agents.flatMap(NodeAgentService::instanceId);
    this.handOffs = self.map(me -> new HandOffs(me, store, new HeldHere()));
  }

  @Override
  public void admit(DeploymentRequest request) throws DeploymentException {
    Optional<String> refused = request.module().flatMap(m -> moduleSources.refusal(m.url().toString()));
    if (refused.isPresent()) {
      throw new DeploymentException(403, "module URL " + refused.get());
    }
  }

  @Override
  public Deploying deploy(DeploymentRequest request) throws DeploymentException {
    admit(request);
    List<String> nodes = request.module().isPresent() ? targets.choose(request) : List.of();
    Map<String, HandOff> handed = handedOff(nodes);
    Deployment started;
    Map<String, CompletableFuture<Void>> installs = new LinkedHashMap<>();
    synchronized (lock) {
      for (String node : nodes) {
        Optional<String> conflict = ledger.conflict(key(request.module().get(), node), request.module().get());
        if (conflict.isPresent()) {
          throw new DeploymentException(409, conflict.get());
        }
      }
      // Asked before the write, which the ledger counts; nothing is sent to a node before the write holds.
      List<String> fresh = nodes.stream().filter(n -> ledger.unused(key(request.module().get(), n))).toList();
      started = create(id -> new Deployment(id, request, nodes, Deployment.State.INSTALLING,
          nodes.isEmpty() ? "steering" : "installing on " + nodes, Optional.empty(), clock.instant(), self, handed));
      log.info("deployment {} ({} of user {}): installing on {}, already there on {}", started.id(),
          request.module().map(ModuleInstall::module).orElse("no module"), request.service().user().orElse("-"),
          fresh, nodes.stream().filter(n -> !fresh.contains(n)).toList());
      for (String node : nodes) {
        installs.put(node, handed.containsKey(node)
            ? handOffs.orElseThrow().await(started.id(), node, handed.get(node).member())
            : installOrShare(started, node, fresh.contains(node)));
      }
    }
    return new Deploying(started.id(), settled(installs).thenCompose(failed -> steer(started, failed)));
  }

  /** The installs on nodes other members hold, handed to those members (none alone). */
  private Map<String, HandOff> handedOff(List<String> nodes) {
    Map<String, HandOff> out = new TreeMap<>();
    agents.ifPresent(a -> nodes.forEach(n -> a.heldElsewhere(n).ifPresent(member -> out.put(n,
        new HandOff(member, HandOff.State.PENDING, "installing at member " + member)))));
    return out;
  }

  /** Records a new deployment under an id claimed for it (unique across the cluster's members). */
  private Deployment create(IntFunction<Deployment> make) throws DeploymentException {
    Deployment d = make.apply(claimId());
    record(d, () -> store.put(d.id(), d, Optional.empty()));
    return d;
  }

  /**
   * The next deployment id, claimed in the shared "ids" record (unique across a cluster's members), past every
   * deployment stored: a store written before ids were recorded goes on after its highest.
   */
  private int claimId() throws DeploymentException {
    try {
      return ids.claim(last -> Math.max(last, store.all().keySet().stream().mapToInt(Integer::intValue).max()
          .orElse(0)) + 1);
    } catch (StoreUnavailableException e) {
      throw new DeploymentException(503, "the controller cannot record the deployment (its store failed: "
          + e.getMessage() + "); nothing was done");
    }
  }

  /** Writes a deployment's change to the store; a store that cannot write refuses it with 503, nothing changed. */
  private static void record(Deployment d, Runnable write) throws DeploymentException {
    try {
      write.run();
    } catch (StoreUnavailableException e) {
      log.error("deployment {} ({} of user {}) not recorded: the store failed: {}", d.id(),
          d.module().map(ModuleInstall::module).orElse("no module"), d.service().user().orElse("-"), e.toString());
      throw new DeploymentException(503, "the controller cannot record the deployment (its store failed: "
          + e.getMessage() + "); nothing was done");
    }
  }

  /** Sends the install unless the node runs the user's module already (or is installing it). */
  private CompletableFuture<Void> installOrShare(Deployment d, String node, boolean fresh) {
    InstallLedger.Key key = key(d.module().orElseThrow(), node);
    if (fresh) {
      return installer.install(key, d.module().get());
    }
    log.info("user {}: {} runs on node {} already; deployment {} shares it", key.user(), key.module(), node, d.id());
    return installer.inFlight(key).orElse(CompletableFuture.completedFuture(null));
  }

  /** Completes when every install settled, with the failed ones' reasons by node. */
  private static CompletableFuture<Map<String, String>> settled(Map<String, CompletableFuture<Void>> installs) {
    Map<String, String> failed = new TreeMap<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    installs.forEach((node, f) -> all.add(f.handle((ok, e) -> {
      if (e != null) {
        synchronized (failed) {
          failed.put(node, ModuleInstaller.rootMessage(e));
        }
      }
      return null;
    })));
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> failed);
  }

  /** Steers the deployment's traffic to the nodes that installed its module; takes them back if it cannot. */
  private CompletableFuture<Deployment> steer(Deployment d, Map<String, String> failed) {
    List<String> ok = d.nodes().stream().filter(n -> !failed.containsKey(n)).toList();
    if (d.module().isPresent() && ok.isEmpty()) {
      end(d, ok, "no node installed it");
      return CompletableFuture.failedFuture(new DeploymentException(502, "no node installed "
          + d.module().get().module() + ": " + failed));
    }
    try {
      // Only what changed is written: when every node installed it and none was another member's, the record
      // as created holds (a restart before ACTIVE takes it back either way), and a write waits for the disk.
      if (!ok.equals(d.nodes()) || !d.handOffs().isEmpty()) {
        synchronized (lock) {
          record(d, () -> store.put(d.id(), d.with(ok, Deployment.State.INSTALLING, "registering steering",
              Optional.empty()).withHandOffs(Map.of()), Optional.empty()));
        }
      }
    } catch (DeploymentException e) {
      end(d, ok, "its store failed");
      return CompletableFuture.failedFuture(e);
    }
    return register(d).handle((service, e) -> {
      if (e != null) {
        end(d, ok, "steering failed");
        throw new CompletionException(e instanceof CompletionException ? e.getCause() : e);
      }
      String detail = (ok.isEmpty() ? "steered" : "installed on " + String.join(",", ok)) + "; service "
          + service.id() + (failed.isEmpty() ? "" : "; failed on " + failed);
      Deployment active = d.with(ok, Deployment.State.ACTIVE, detail, Optional.of(service.id())).withHandOffs(Map.of());
      activate(active, ok);
      log.info("deployment {} ({} of user {}): {}", d.id(), d.module().map(ModuleInstall::module).orElse("no module"),
          d.service().user().orElse("-"), detail);
      return active;
    });
  }

  private CompletableFuture<ServiceInfo> register(Deployment d) {
    try {
      return steering.register(d.service());
    } catch (SteeringException e) {
      return CompletableFuture.failedFuture(new DeploymentException(503, e.getMessage()));
    } catch (StoreUnavailableException e) {
      log.error("deployment {}: its service not recorded: the store failed: {}", d.id(), e.toString());
      return CompletableFuture.failedFuture(new DeploymentException(503, "the controller cannot record the "
          + "service (its store failed: " + e.getMessage() + "); nothing was done"));
    }
  }

  /** Records the deployment ACTIVE; when the store cannot, its service and modules are taken back. */
  private void activate(Deployment active, List<String> nodes) {
    try {
      synchronized (lock) {
        record(active, () -> store.put(active.id(), active, Optional.empty()));
      }
    } catch (DeploymentException e) {
      int service = active.serviceId().orElseThrow();
      try {
        steering.remove(service);
      } catch (SteeringException | RuntimeException gone) {
        log.warn("deployment {}: service {} not taken back: {}", active.id(), service, gone.getMessage());
      }
      end(active, nodes, "its store failed");
      throw new CompletionException(e);
    }
  }

  /** The deployment is over: it leaves the store, and its module the nodes no other deployment needs it on. */
  private void end(Deployment d, List<String> nodes, String why) {
    List<InstallLedger.Key> leave = new ArrayList<>();
    synchronized (lock) {
      try {
        handOffs.ifPresent(h -> h.endingHere(d.id()));
        if (store.remove(d.id()).isEmpty()) {
          return; // another member ended it: the members holding its nodes take its module off
        }
      } catch (StoreUnavailableException e) {
        log.error("deployment {} ended ({}) but stays in its store, which failed: {}", d.id(), why, e.toString());
      }
      leave.addAll(unusedHere(d, nodes));
    }
    log.info("deployment {} ended ({}): removing its module from {}", d.id(), why,
        leave.stream().map(InstallLedger.Key::node).toList());
    leave.forEach(installer::uninstall);
  }

  /**
   * The deployment's installs no other deployment needs, on the nodes whose connection this member holds (or
   * that no member holds, to say the node left); under the lock.
   */
  private List<InstallLedger.Key> unusedHere(Deployment d, List<String> nodes) {
    return nodes.stream().filter(n -> agents.flatMap(a -> a.heldElsewhere(n)).isEmpty())
        .map(n -> key(d.module().orElseThrow(), n)).filter(k -> ledger.holders(k, d.id()).isEmpty()).toList();
  }

  /** What this member does, as the holder of node connections, for deployments other members took. */
  private final class HeldHere implements HandOffs.Holder {
    @Override
    public CompletableFuture<Void> installFor(Deployment d, String node) {
      synchronized (lock) {
        return installOrShare(d, node, ledger.holders(key(d.module().orElseThrow(), node), d.id()).isEmpty());
      }
    }

    @Override
    public void endedElsewhere(Deployment d) {
      if (d.module().isEmpty()) {
        return;
      }
      List<InstallLedger.Key> leave;
      synchronized (lock) {
        List<String> installed = d.nodes().stream().filter(n -> !d.handOffs().containsKey(n)
            || d.handOffs().get(n).state() != HandOff.State.FAILED).toList(); // a failed install left nothing
        leave = unusedHere(d, installed).stream().filter(k -> pools.node(k.node()).map(NodeView::connected)
            .orElse(false)).toList();
      }
      if (!leave.isEmpty()) {
        log.info("deployment {} ended at another member: removing its module from {}", d.id(),
            leave.stream().map(InstallLedger.Key::node).toList());
      }
      leave.forEach(installer::uninstall);
    }
  }

  @Override
  public void serviceRemoved(ServiceInfo service, String reason) {
    deploymentOfService(service.id()).ifPresent(d -> {
      if (d.module().isPresent()) {
        end(d, d.nodes(), "service " + service.id() + " " + reason);
      } else {
        store.remove(d.id());
      }
    });
  }

  /**
   * Picks up what the store holds from before a restart, once this manager hears steering: a deployment whose
   * service ended meanwhile (its lease ran out while the controller was down) ends now, and one a restart cut
   * short while it was being installed (never answered) is taken back.
   */
  public void resume(SteeringService services) {
    for (Deployment d : deployments()) {
      Optional<Integer> service = d.serviceId();
      if (service.isPresent() && services.service(service.get()).isEmpty()) {
        end(d, d.nodes(), "service " + service.get() + " ended while the controller was down");
      } else if (service.isEmpty() && d.member().equals(self)) { // another member may be installing it now
        end(d, d.nodes(), "a restart cut its installation short");
      }
    }
  }

  /**
   * A node agent (re)connected and said what it runs: the ledger wins. A module no deployment has there is
   * removed, one missing is installed again, and one that is right is left running as it is.
   */
  @Override
  public void agentSynced(String nodeId, Map<String, List<String>> running) {
    Map<InstallLedger.Key, ModuleInstall> missing = new LinkedHashMap<>();
    for (Deployment d : deployments()) {
      d.module().filter(m -> d.nodes().contains(nodeId))
          .filter(m -> !running.getOrDefault(m.user(), List.of()).contains(m.module()))
          .ifPresent(m -> missing.putIfAbsent(key(m, nodeId), m));
    }
    running.forEach((user, modules) -> modules.stream().map(m -> new InstallLedger.Key(user, m, nodeId))
        .filter(ledger::unused).forEach(key -> {
          log.info("node {} runs {} for {}, which no deployment has there; removing it", nodeId, key.module(),
              key.user());
          installer.uninstall(key);
        }));
    missing.forEach((key, module) -> {
      log.info("node {} no longer runs {} for {}; installing it again", nodeId, key.module(), key.user());
      synchronized (lock) {
        installer.install(key, module).whenComplete((ok, e) -> {
          if (e != null) {
            log.warn("reinstalling {} for {} on node {} failed: {}", key.module(), key.user(), nodeId,
                ModuleInstaller.rootMessage(e));
          }
        });
      }
    });
  }

  /** Starts following the other members' deployments (in a cluster). */
  void start() {
    handOffs.ifPresent(HandOffs::start);
  }

  /** Stops following them. */
  void close() {
    handOffs.ifPresent(HandOffs::close);
  }

  @Override
  public Optional<Deployment> deployment(int id) {
    return store.get(id).map(Versioned::value);
  }

  @Override
  public Optional<Deployment> deploymentOfService(int serviceId) {
    return deployments().stream().filter(d -> d.serviceId().equals(Optional.of(serviceId))).findFirst();
  }

  @Override
  public List<Deployment> deployments() {
    return store.all().values().stream().map(Versioned::value).sorted(Comparator.comparingInt(Deployment::id))
        .toList();
  }

  private static InstallLedger.Key key(ModuleInstall m, String node) {
    return new InstallLedger.Key(m.user(), m.module(), node);
  }
}
