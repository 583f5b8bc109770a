package org.netservof.bridge.steering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodeIntent;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeStore;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.PoolView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.Versioned;
import org.netservof.policy.steering.SteeringNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node pools: the one owner of what a node is (its spec, pool, index, mark, health, drain state, ready
 * containers and agent report) and of the rules about pools. A node that turns unhealthy loses its flows at
 * once; the others keep their node.
 */
final class NodePool implements NodePoolService, NodePoolAdminService, NodeHealthService {
  private static final Logger log = LoggerFactory.getLogger(NodePool.class);

  private final SteeringState state;
  private final SteeringInstaller installer;
  private final ServicePortService servicePorts;
  private final StoreListener<String, NodeIntent> followStore = this::nodeStored;
  private Optional<NodeStore> followed = Optional.empty();
  private final SteeringListeners listeners;

  NodePool(SteeringState state, SteeringInstaller installer, ServicePortService servicePorts,
      SteeringListeners listeners) {
    this.state = state;
    this.installer = installer;
    this.servicePorts = servicePorts;
    this.listeners = listeners;
  }

  @Override
  public NodeView addNode(NodeSpec spec) throws SteeringException {
    NodeView view;
    synchronized (state.lock) {
      state.nodes.add(spec);
      try {
        state.marks.markOf(new MarkTable.Target(spec.id(), Optional.empty()));
        servicePorts.reserve(spec.attachment(), "node " + spec.id());
      } catch (IllegalArgumentException | SteeringException e) {
        state.nodes.remove(spec.id());
        state.marks.release(spec.id());
        throw new SteeringException(e.getMessage());
      }
      view = state.refresh().nodes().get(spec.id());
    }
    log.info("node '{}' added to pool '{}' at {} ({}, weight {}, mark {}), {}", spec.id(), spec.pool(),
        spec.attachment(), spec.mac(), spec.weight(), view.mark(), view.healthy() ? "healthy" : view.status());
    installer.reconcile("node " + spec.id() + " added");
    return view;
  }

  /** Follows the node store from its current revision on, until {@link #close()}. */
  void follow(NodeStore store) {
    followed = Optional.of(store);
    store.addListener(followStore, store.revision());
  }

  void close() {
    followed.ifPresent(store -> store.removeListener(followStore));
  }

  /**
   * A node's record changed in the store, here or at another cluster member (which added it when its agent
   * registered there): its port is a service port on every member, so each member's edge rules and steering
   * treat it as a node's (a tagged frame from it is the node's return, not a spoof), and its switch's master
   * writes what it needs. Idempotent for changes this member made itself.
   */
  private void nodeStored(StoreEvent<String, NodeIntent> event) {
    NodeSpec spec = event.after().or(event::before).map(NodeIntent::spec).orElseThrow();
    try {
      if (event.type() == StoreEvent.Type.PUT) {
        servicePorts.reserve(spec.attachment(), "node " + spec.id());
      } else {
        servicePorts.release(spec.attachment(), "node " + spec.id());
      }
    } catch (IllegalArgumentException e) {
      log.error("node '{}' stored by another member cannot serve at {} here: {}", spec.id(), spec.attachment(),
          e.getMessage());
    }
    // On steering's worker, not here: this member may be writing the store under the state's lock right now
    // (addNode), and the store hands it this event before that write returns.
    String why = "node " + spec.id() + " " + event.type().name().toLowerCase(java.util.Locale.ROOT) + " in the store";
    installer.later(() -> {
      state.refresh();
      installer.reconcile(why);
    });
  }

  /**
   * The nodes the store kept from before a restart: their ports become service ports again and they keep
   * their marks (read back with the mark table). Called once at start, before configured nodes are added.
   */
  void restore() {
    List<NodeTable.Entry> kept;
    synchronized (state.lock) {
      kept = state.nodes.all();
      for (NodeTable.Entry e : kept) {
        try {
          servicePorts.reserve(e.spec().attachment(), "node " + e.spec().id());
          state.marks.markOf(new MarkTable.Target(e.spec().id(), Optional.empty()));
        } catch (IllegalArgumentException | SteeringException ex) {
          log.error("node '{}' kept in the store cannot serve at {}: {}", e.spec().id(), e.spec().attachment(),
              ex.getMessage());
        }
      }
      state.refresh();
    }
    if (!kept.isEmpty()) {
      log.info("{} node(s) back from the store: {}", kept.size(), kept.stream().map(e -> e.spec().id()).toList());
    }
  }

  @Override
  public CompletableFuture<Void> removeNode(String nodeId) throws SteeringException {
    NodeTable.Entry gone;
    synchronized (state.lock) {
      gone = state.nodes.remove(nodeId).orElseThrow(() -> new SteeringException("no node '" + nodeId + "'"));
      state.marks.release(nodeId);
      state.readyContainers.keySet().removeIf(t -> t.nodeId().equals(nodeId));
      state.agents.remove(nodeId);
      servicePorts.release(gone.spec().attachment(), "node " + nodeId);
      state.refresh();
    }
    log.info("node '{}' removed from pool '{}'", nodeId, gone.spec().pool());
    return CompletableFuture.allOf(installer.reconcile("node " + nodeId + " removed"),
        installer.deleteFlowsOfNode(gone.index()));
  }

  @Override
  public CompletableFuture<Void> drainNode(String nodeId) throws SteeringException {
    synchronized (state.lock) {
      String pool = state.nodes.get(nodeId).spec().pool();
      Optional<ServiceInfo> proactive = state.services.all().values().stream().map(Versioned::value)
          .filter(s -> s.request().pool().equals(pool) && s.request().mode() == SteeringMode.PROACTIVE).findFirst();
      if (proactive.isPresent()) {
        throw new SteeringException("node '" + nodeId + "' cannot be drained while proactive service "
            + proactive.get().id() + " uses pool '" + pool + "': proactive placement would move "
            + "its flows at once; remove the service or the node instead");
      }
      if (!state.nodes.setDraining(nodeId, true)) {
        return CompletableFuture.completedFuture(null);
      }
      state.refresh();
    }
    log.info("node '{}' draining: no new flows; the ones it carries finish there", nodeId);
    listeners.tell(l -> l.nodeChanged(state.snapshot().nodes().get(nodeId)));
    return installer.reconcile("node " + nodeId + " draining");
  }

  @Override
  public void setNodeHealth(String nodeId, boolean healthy, String reason) throws SteeringException {
    synchronized (state.lock) {
      state.nodes.report(nodeId, healthy, reason);
    }
    fabricChanged("node " + nodeId + " reported " + (healthy ? "healthy" : "unhealthy") + ": " + reason);
  }

  @Override
  public void setContainerReady(String nodeId, String user, boolean ready, String reason) throws SteeringException {
    MarkTable.Target target = new MarkTable.Target(nodeId, Optional.of(user));
    Map<MarkTable.Target, Integer> before = readyMarks();
    synchronized (state.lock) {
      state.nodes.get(nodeId);
      // Agents report a container ready after every module loaded into it: only a change re-plans steering.
      boolean changed = ready ? state.readyContainers.put(target, reason) == null
          : state.readyContainers.remove(target) != null;
      if (!changed) {
        return;
      }
    }
    log.info("container of '{}' on node '{}' is {} ({})", user, nodeId, ready ? "ready" : "not ready", reason);
    fabricChanged("container of " + user + " on " + nodeId + (ready ? " ready" : " not ready"));
    if (!ready && before.containsKey(target)) {
      installer.deleteFlowsOfMark(before.get(target));
    }
  }

  @Override
  public int containerMark(String nodeId, String user) throws SteeringException {
    synchronized (state.lock) {
      state.nodes.get(nodeId);
      int mark = state.marks.markOf(new MarkTable.Target(nodeId, Optional.of(user)));
      state.refresh();
      return mark;
    }
  }

  @Override
  public void reportAgent(String nodeId, Optional<AgentView> agent) throws SteeringException {
    synchronized (state.lock) {
      state.nodes.get(nodeId);
      if (agent.isPresent()) {
        state.agents.put(nodeId, agent.get());
      } else {
        state.agents.remove(nodeId);
      }
      state.refresh();
    }
  }

  /** The marks of the containers that are ready, by target. */
  private Map<MarkTable.Target, Integer> readyMarks() {
    Snapshot snap = state.snapshot();
    Map<MarkTable.Target, Integer> out = new HashMap<>();
    for (SteeringNode n : snap.byMark().values()) {
      if (n.tagged()) {
        snap.healthyTargets().forEach((audience, targets) -> {
          if (targets.contains(n)) {
            out.put(new MarkTable.Target(n.id(), audience.user()), n.mark());
          }
        });
      }
    }
    return out;
  }

  /** Health may have flipped (a port, a switch, a report): a node that became unhealthy loses its flows at once. */
  void fabricChanged(String why) {
    Map<String, NodeView> before = state.snapshot().nodes();
    Map<String, NodeView> after = state.refresh().nodes();
    installer.reconcile(why);
    for (NodeView now : after.values()) {
      NodeView was = before.get(now.id());
      if (was != null && was.healthy() != now.healthy()) {
        log.info("node '{}' is now {} ({})", now.id(), now.healthy() ? "healthy" : "unhealthy", now.status());
        listeners.tell(l -> l.nodeChanged(now));
        if (!now.healthy()) {
          installer.deleteFlowsOfNode(now.index());
        }
      }
    }
  }

  @Override
  public Optional<NodeView> node(String nodeId) {
    return Optional.ofNullable(state.snapshot().nodes().get(nodeId));
  }

  @Override
  public List<NodeView> nodes() {
    return state.snapshot().nodes().values().stream().sorted(java.util.Comparator.comparing(NodeView::id)).toList();
  }

  @Override
  public Optional<PoolView> pool(String name) {
    return Optional.ofNullable(poolViews().get(name));
  }

  @Override
  public List<PoolView> pools() {
    return List.copyOf(poolViews().values());
  }

  private Map<String, PoolView> poolViews() {
    Snapshot snap = state.snapshot();
    Map<String, List<NodeView>> byPool = new TreeMap<>();
    snap.nodes().values().forEach(n -> byPool.computeIfAbsent(n.spec().pool(), k -> new ArrayList<>()).add(n));
    Map<String, PoolView> out = new TreeMap<>();
    byPool.forEach((pool, members) -> out.put(pool, new PoolView(pool,
        members.stream().map(NodeView::id).sorted().toList(),
        (int) members.stream().filter(NodeView::takesNewFlows).count(),
        snap.services().stream().map(Snapshot.Active::info).filter(s -> s.request().pool().equals(pool))
            .map(ServiceInfo::id).sorted().toList())));
    return out;
  }
}
