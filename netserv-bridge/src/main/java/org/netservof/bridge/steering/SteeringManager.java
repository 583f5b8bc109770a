package org.netservof.bridge.steering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.netservof.bridge.api.NodeInfo;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.FlowMods;
import org.netservof.policy.openflow.Meters;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.plan.Plan;
import org.netservof.policy.plan.PlanDiff;
import org.netservof.policy.steering.Placement;
import org.netservof.policy.steering.SteeredService;
import org.netservof.policy.steering.SteeringLayout;
import org.netservof.policy.steering.SteeringNode;
import org.netservof.policy.steering.SteeringPlanner;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steering's state and its reconciliation with the switches. Callers change the state under a lock and get
 * a new snapshot at once; a single worker thread then turns the state into the desired plan (tunnels for
 * the nodes in use, classifiers for every service), diffs it against what is installed, and pushes the diff
 * make-before-break, one change at a time, each phase confirmed by barriers. Per-flow entries of reactive
 * services are not in the plan: they are tracked and deleted by service or node when those go.
 */
final class SteeringManager implements SteeringService, SwitchListener, TopologyListener {
  private static final Logger log = LoggerFactory.getLogger(SteeringManager.class);
  private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(15);

  private final SwitchService switches;
  private final TopologyService topology;
  private final ServicePortService servicePorts;
  private final SteeringConfig config;
  private final Clock clock;
  private final FlowTracker flows;
  private final SteeringWorker worker = new SteeringWorker(this::push);
  private final List<SteeringListener> listeners = new CopyOnWriteArrayList<>();

  private final Object lock = new Object();
  private final Map<Integer, ServiceInfo> services = new TreeMap<>();
  private final NodeTable nodes = new NodeTable();
  private final MarkTable marks;
  private final Map<MarkTable.Target, String> containers = new HashMap<>();
  /** Nodes an operator is draining. */
  private final Set<String> draining = new HashSet<>();
  private final UserMeters meters = new UserMeters();
  private int nextServiceId = 1;
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  // Worker thread only.
  private Plan installed = Plan.empty();
  private final Set<DatapathId> cleaned = new HashSet<>();
  private final Set<DatapathId> warnedOpenFlow10 = java.util.concurrent.ConcurrentHashMap.newKeySet();

  SteeringManager(SwitchService switches, TopologyService topology, ServicePortService servicePorts,
      SteeringConfig config, Clock clock, FlowTracker flows) {
    this.switches = switches;
    this.topology = topology;
    this.servicePorts = servicePorts;
    this.config = config;
    this.clock = clock;
    this.flows = flows;
    this.marks = new MarkTable(config.markRange());
  }

  /** The current state, for the packet path. */
  Snapshot snapshot() {
    return snapshot;
  }

  ControllerFabricView fabric() {
    return new ControllerFabricView(topology.current(), switches);
  }

  // ---- services ----

  @Override
  public CompletableFuture<ServiceInfo> register(ServiceRequest request) throws SteeringException {
    ServiceInfo info;
    synchronized (lock) {
      List<NodeTable.Entry> pool = nodes.inPool(request.pool());
      if (pool.isEmpty()) {
        throw new SteeringException("pool '" + request.pool() + "' has no nodes; add nodes to it first");
      }
      int id = allocateId();
      SteeredService planned = new SteeredService(id, request.filter(), meters.meterOf(request.user()));
      checkExpressible(planned, request.mode(), pool);
      Instant now = clock.instant();
      info = new ServiceInfo(id, request, now, request.ttl().map(now::plus));
      services.put(id, info);
      nextServiceId = id + 1;
      refreshSnapshot();
    }
    log.info("service {} '{}' registered: {} through pool '{}', {}, ttl {}", info.id(), info.request().name(),
        info.request().filter(), info.request().pool(), info.request().mode(),
        info.request().ttl().map(Duration::toString).orElse("none"));
    notifyListeners(l -> l.serviceRegistered(info));
    ServiceInfo registered = info;
    return reconcile("service " + info.id() + " registered").thenApply(v -> registered);
  }

  @Override
  public CompletableFuture<Void> setUserRate(String user, int kbps) {
    synchronized (lock) {
      if (!meters.set(user, kbps)) {
        return CompletableFuture.completedFuture(null);
      }
      refreshSnapshot();
    }
    log.info("user {}: steered traffic {}", user, kbps > 0 ? "capped at " + kbps + " kbps" : "not capped");
    return reconcile("rate cap of user " + user);
  }

  @Override
  public ServiceInfo refresh(int serviceId, Duration ttl) throws SteeringException {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new SteeringException("ttl must be positive, was " + ttl);
    }
    synchronized (lock) {
      ServiceInfo before = services.get(serviceId);
      if (before == null) {
        throw new SteeringException("no service " + serviceId);
      }
      ServiceInfo after = new ServiceInfo(serviceId, before.request(), before.registeredAt(),
          Optional.of(clock.instant().plus(ttl)));
      services.put(serviceId, after);
      refreshSnapshot();
      return after;
    }
  }

  @Override
  public CompletableFuture<Void> remove(int serviceId) throws SteeringException {
    return removeService(serviceId, "removed");
  }

  @Override
  public Optional<ServiceInfo> service(int serviceId) {
    synchronized (lock) {
      return Optional.ofNullable(services.get(serviceId));
    }
  }

  @Override
  public List<ServiceInfo> services() {
    synchronized (lock) {
      return List.copyOf(services.values());
    }
  }

  /** Removes services whose ttl ran out; called every second by the module's timer. */
  void expireDue() {
    Instant now = clock.instant();
    List<Integer> due = new ArrayList<>();
    synchronized (lock) {
      services.values().stream().filter(s -> s.expiresAt().map(t -> !t.isAfter(now)).orElse(false))
          .forEach(s -> due.add(s.id()));
    }
    for (int id : due) {
      try {
        removeService(id, "ttl expired");
      } catch (SteeringException e) {
        log.debug("service {} went before its ttl: {}", id, e.getMessage());
      }
    }
  }

  private CompletableFuture<Void> removeService(int serviceId, String reason) throws SteeringException {
    ServiceInfo info;
    synchronized (lock) {
      info = services.remove(serviceId);
      if (info == null) {
        throw new SteeringException("no service " + serviceId);
      }
      refreshSnapshot();
    }
    log.info("service {} '{}' {}", serviceId, info.request().name(), reason);
    notifyListeners(l -> l.serviceRemoved(info, reason));
    CompletableFuture<Void> plan = reconcile("service " + serviceId + " " + reason);
    CompletableFuture<Void> perFlow = deleteFlows(t -> t.serviceId() == serviceId,
        new Cookie(CookieOwner.STEERING, serviceId, 0, 0).value(), Cookie.serviceMask());
    return CompletableFuture.allOf(plan, perFlow);
  }

  // ---- nodes ----

  @Override
  public NodeInfo addNode(NodeSpec spec) throws SteeringException {
    NodeInfo info;
    synchronized (lock) {
      nodes.add(spec);
      try {
        marks.markOf(new MarkTable.Target(spec.id(), Optional.empty()));
        servicePorts.reserve(spec.attachment(), "node " + spec.id());
      } catch (IllegalArgumentException | SteeringException e) {
        nodes.remove(spec.id());
        marks.release(spec.id());
        throw new SteeringException(e.getMessage());
      }
      refreshSnapshot();
      info = snapshot.nodes().get(spec.id());
      log.info("node '{}' added to pool '{}' at {} ({}, weight {}, mark {}), {}", spec.id(), spec.pool(),
          spec.attachment(), spec.mac(), spec.weight(), info.mark(), info.healthy() ? "healthy" : info.status());
    }
    reconcile("node " + spec.id() + " added");
    return info;
  }

  @Override
  public CompletableFuture<Void> removeNode(String nodeId) throws SteeringException {
    NodeTable.Entry gone;
    synchronized (lock) {
      gone = nodes.remove(nodeId).orElseThrow(() -> new SteeringException("no node '" + nodeId + "'"));
      draining.remove(nodeId);
      marks.release(nodeId);
      containers.keySet().removeIf(t -> t.nodeId().equals(nodeId));
      servicePorts.release(gone.spec().attachment(), "node " + nodeId);
      refreshSnapshot();
    }
    log.info("node '{}' removed from pool '{}'", nodeId, gone.spec().pool());
    return CompletableFuture.allOf(reconcile("node " + nodeId + " removed"), deleteFlowsOfNode(gone.index()));
  }

  @Override
  public CompletableFuture<Void> drainNode(String nodeId) throws SteeringException {
    synchronized (lock) {
      NodeTable.Entry node = nodes.get(nodeId);
      Optional<ServiceInfo> proactive = services.values().stream()
          .filter(s -> s.request().pool().equals(node.spec().pool()) && s.request().mode() == SteeringMode.PROACTIVE)
          .findFirst();
      if (proactive.isPresent()) {
        throw new SteeringException("node '" + nodeId + "' cannot be drained while proactive service "
            + proactive.get().id() + " uses pool '" + node.spec().pool() + "': proactive placement would move "
            + "its flows at once; remove the service or the node instead");
      }
      if (!draining.add(nodeId)) {
        return CompletableFuture.completedFuture(null);
      }
      refreshSnapshot();
    }
    log.info("node '{}' draining: no new flows; the ones it carries finish there", nodeId);
    notifyListeners(l -> l.nodeChanged(snapshot.nodes().get(nodeId)));
    return reconcile("node " + nodeId + " draining");
  }

  @Override
  public void setNodeHealth(String nodeId, boolean healthy, String reason) throws SteeringException {
    synchronized (lock) {
      nodes.report(nodeId, healthy, reason);
    }
    stateChanged("node " + nodeId + " reported " + (healthy ? "healthy" : "unhealthy") + ": " + reason);
  }

  @Override
  public void setContainerReady(String nodeId, String user, boolean ready, String reason) throws SteeringException {
    MarkTable.Target target = new MarkTable.Target(nodeId, Optional.of(user));
    Map<MarkTable.Target, Integer> before = readyMarks();
    synchronized (lock) {
      nodes.get(nodeId);
      if (ready) {
        containers.put(target, reason);
      } else {
        containers.remove(target);
      }
    }
    log.info("container of '{}' on node '{}' is {} ({})", user, nodeId, ready ? "ready" : "not ready", reason);
    stateChanged("container of " + user + " on " + nodeId + (ready ? " ready" : " not ready"));
    if (!ready && before.containsKey(target)) {
      int mark = before.get(target);
      deleteFlows(t -> t.mark() == mark, null, null);
    }
  }

  @Override
  public int containerMark(String nodeId, String user) throws SteeringException {
    synchronized (lock) {
      nodes.get(nodeId);
      int mark = marks.markOf(new MarkTable.Target(nodeId, Optional.of(user)));
      refreshSnapshot();
      return mark;
    }
  }

  /** The marks of the containers that are ready, by target. */
  private Map<MarkTable.Target, Integer> readyMarks() {
    Map<MarkTable.Target, Integer> out = new HashMap<>();
    for (SteeringNode n : snapshot.byMark().values()) {
      if (n.tagged()) {
        snapshot.healthyTargets().forEach((audience, targets) -> {
          if (targets.contains(n)) {
            out.put(new MarkTable.Target(n.id(), audience.user()), n.mark());
          }
        });
      }
    }
    return out;
  }

  @Override
  public Optional<NodeInfo> node(String nodeId) {
    return Optional.ofNullable(snapshot.nodes().get(nodeId));
  }

  @Override
  public List<NodeInfo> nodes() {
    return List.copyOf(snapshot.nodes().values());
  }

  @Override
  public void addListener(SteeringListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(SteeringListener listener) {
    listeners.remove(listener);
  }

  // ---- the fabric changing under us ----

  @Override
  public void switchAdded(OFSwitch sw) {
    worker.execute(() -> cleanOnFirstSight(sw));
    stateChanged("switch " + sw.id() + " connected");
  }

  @Override
  public void switchRemoved(DatapathId id) {
    worker.execute(() -> installed = installed.without(id));
    stateChanged("switch " + id + " disconnected");
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    if (change != PortChange.OTHER_UPDATE) {
      stateChanged("port " + sw.id() + "/" + port.getPortNo() + " " + change);
    }
  }

  @Override
  public void topologyChanged(Topology previous, Topology current) {
    reconcile("the fabric changed");
  }

  /** Health may have flipped: a node that became unhealthy loses its flows at once. */
  private void stateChanged(String why) {
    Map<String, NodeInfo> before = snapshot.nodes();
    synchronized (lock) {
      refreshSnapshot();
    }
    Map<String, NodeInfo> after = snapshot.nodes();
    reconcile(why);
    for (NodeInfo now : after.values()) {
      NodeInfo was = before.get(now.spec().id());
      if (was != null && was.healthy() != now.healthy()) {
        log.info("node '{}' is now {} ({})", now.spec().id(), now.healthy() ? "healthy" : "unhealthy", now.status());
        notifyListeners(l -> l.nodeChanged(now));
        if (!now.healthy()) {
          deleteFlowsOfNode(now.index());
        }
      }
    }
  }

  // ---- reconciliation (worker thread) ----

  /** Queues a reconciliation; completes when the switches confirmed it. */
  CompletableFuture<Void> reconcile(String why) {
    return worker.reconcile(why);
  }

  private void push(String why) throws Exception {
    ControllerFabricView fabric = fabric();
    Plan desired = desiredPlan(fabric, snapshot);
    PlanDiff diff = PlanDiff.between(installed, desired);
    Set<DatapathId> failed = new HashSet<>();
    // Meters first (entries may only name meters the switch has), deletes last (a deleted meter takes the
    // entries that use it along).
    phase(meterChanges(meters::additions), failed);
    if (!diff.isEmpty()) {
      phase(diff.make(this::factoryOf), failed);
      if (failed.isEmpty()) {
        phase(diff.breakOld(this::factoryOf), failed);
      }
      Plan now = desired;
      for (DatapathId d : failed) {
        now = now.without(d); // unknown state there: the next change rewrites it whole
      }
      installed = now;
      log.info("steering after {}: {}", why, diff);
    }
    if (failed.isEmpty()) {
      phase(meterChanges(meters::removals), failed);
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("switches " + failed + " refused part of the change; see the log above");
    }
  }

  /** Meter messages for every connected switch, from {@link UserMeters}. */
  private Map<DatapathId, List<OFMessage>> meterChanges(
      java.util.function.BiFunction<DatapathId, OFFactory, List<OFMessage>> change) {
    Map<DatapathId, List<OFMessage>> out = new HashMap<>();
    for (OFSwitch sw : switches.switches()) {
      List<OFMessage> messages = change.apply(sw.id(), sw.factory());
      if (!messages.isEmpty()) {
        out.put(sw.id(), messages);
      }
    }
    return out;
  }

  private Plan desiredPlan(ControllerFabricView fabric, Snapshot snap) {
    Set<SteeringNode> inUse = new HashSet<>();
    snap.services().forEach(s -> inUse.addAll(snap.healthy(s.audience())));
    inUse.addAll(snap.draining()); // their flows still need the way there and back
    Plan.Builder plan = Plan.builder().addAll(SteeringPlanner.tunnels(fabric, inUse));
    for (Snapshot.Active s : snap.services()) {
      try {
        plan.addAll(SteeringPlanner.classifiers(fabric, s.planned(), placement(fabric, s), snap.healthy(s.audience()),
            config.splitBits()));
      } catch (IllegalArgumentException e) {
        log.error("service {} cannot be installed on the fabric as it is now: {}", s.info().id(), e.getMessage());
      }
    }
    return plan.build();
  }

  private Function<DatapathId, Placement> placement(ControllerFabricView fabric, Snapshot.Active s) {
    return dpid -> {
      if (s.info().request().mode() == SteeringMode.REACTIVE) {
        return Placement.TRAP;
      }
      if (fabric.factory(dpid).getVersion() == OFVersion.OF_10) {
        if (warnedOpenFlow10.add(dpid)) {
          log.warn("switch {} speaks OpenFlow 1.0, which has no groups: proactive services run reactively there",
              dpid);
        }
        return Placement.TRAP;
      }
      return switch (config.proactivePlacement()) {
        case "split" -> Placement.SPLIT;
        case "group" -> Placement.GROUP;
        default -> isOpenVSwitch(dpid) ? Placement.SPLIT : Placement.GROUP;
      };
    };
  }

  /** Open vSwitch says so in its description (hardware "Open vSwitch", manufacturer "Nicira, Inc."). */
  private boolean isOpenVSwitch(DatapathId dpid) {
    return switches.getSwitch(dpid).map(sw -> sw.description().getHwDesc().contains("Open vSwitch")
        || sw.description().getMfrDesc().startsWith("Nicira")).orElse(false);
  }

  /** The switch's factory; for a switch that just left, any factory: its messages are dropped anyway. */
  private OFFactory factoryOf(DatapathId dpid) {
    return switches.getSwitch(dpid).map(OFSwitch::factory)
        .orElse(org.projectfloodlight.openflow.protocol.OFFactories.getFactory(OFVersion.OF_13));
  }

  private void phase(Map<DatapathId, List<OFMessage>> messages, Set<DatapathId> failed) throws InterruptedException {
    Map<DatapathId, CompletableFuture<Void>> confirmations = new HashMap<>();
    messages.forEach((dpid, batch) -> switches.getSwitch(dpid)
        .ifPresent(sw -> confirmations.put(dpid, sw.writeConfirmed(batch))));
    for (Map.Entry<DatapathId, CompletableFuture<Void>> c : confirmations.entrySet()) {
      try {
        c.getValue().get(PUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        log.error("switch {} did not take steering's change: {}", c.getKey(),
            e instanceof ExecutionException ? e.getCause().getMessage() : "no barrier reply in " + PUSH_TIMEOUT);
        failed.add(c.getKey());
      }
    }
  }

  /**
   * The first time a switch connects to this controller, entries and groups a previous run of steering left
   * there are deleted (by cookie and by group id range) before the plan is written; on later reconnects the
   * plan is written again over whatever survived.
   */
  private void cleanOnFirstSight(OFSwitch sw) {
    installed = installed.without(sw.id());
    meters.forget(sw.id());
    if (!cleaned.add(sw.id()) || sw.factory().getVersion() == OFVersion.OF_10) {
      return;
    }
    OFFactory f = sw.factory();
    List<OFMessage> clean = new ArrayList<>();
    clean.add(FlowMods.delete(f, f.matchWildcardAll(), Cookie.of(CookieOwner.STEERING).value(), Cookie.ownerMask(),
        OFPort.ANY));
    // Meters carry no cookie; steering is the only user of meters on switches this controller manages.
    clean.add(Meters.delete(f, Meters.ALL));
    try {
      for (OFGroupDescStatsReply reply : sw.stats(f.buildGroupDescStatsRequest().build())
          .get(PUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        for (OFGroupDescStatsEntry g : reply.getEntries()) {
          if (SteeringLayout.isSteeringGroup(g.getGroup())) {
            clean.add(f.buildGroupDelete().setGroup(g.getGroup()).setGroupType(g.getGroupType()).build());
          }
        }
      }
      sw.writeConfirmed(clean).get(PUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("switch {}: could not clear entries of an earlier steering run: {}", sw.id(), e.getMessage());
    }
  }

  // ---- per-flow entries ----

  private CompletableFuture<Void> deleteFlowsOfNode(int nodeIndex) {
    return deleteFlows(t -> t.nodeIndex() == nodeIndex,
        new Cookie(CookieOwner.STEERING, 0, nodeIndex, 0).value(), Cookie.ownerAndNodeMask());
  }

  /**
   * Deletes tracked per-flow entries one by one (OpenFlow 1.0 has no cookie masks), and on 1.1+ switches
   * also everything under the cookie mask, if one is given, in case a removal report was lost; confirmed by
   * barriers.
   */
  private CompletableFuture<Void> deleteFlows(Predicate<FlowTracker.Tracked> doomed, U64 cookie, U64 mask) {
    Map<DatapathId, List<OFMessage>> deletes = new TreeMap<>();
    for (FlowEntry e : flows.take(doomed)) {
      switches.getSwitch(e.dpid()).ifPresent(sw ->
          deletes.computeIfAbsent(e.dpid(), k -> new ArrayList<>()).add(e.toDelete(sw.factory())));
    }
    for (OFSwitch sw : switches.switches()) {
      OFFactory f = sw.factory();
      if (cookie != null && f.getVersion() != OFVersion.OF_10) {
        deletes.computeIfAbsent(sw.id(), k -> new ArrayList<>())
            .add(FlowMods.delete(f, f.matchWildcardAll(), cookie, mask, OFPort.ANY));
      }
    }
    List<CompletableFuture<Void>> confirmations = new ArrayList<>();
    deletes.forEach((dpid, batch) -> switches.getSwitch(dpid).ifPresent(sw ->
        confirmations.add(sw.writeConfirmed(batch))));
    return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
  }

  // ---- state ----

  /** Rebuilds the snapshot from the services, the nodes, their ports and containers; call under the lock. */
  private void refreshSnapshot() {
    Map<String, NodeInfo> nodeInfos = new TreeMap<>();
    Map<String, Boolean> healthyNode = new HashMap<>();
    Map<Integer, SteeringNode> byMark = new HashMap<>();
    for (NodeTable.Entry e : nodes.all()) {
      String portState = portState(e.spec());
      boolean ok = e.reportedHealthy() && portState.isEmpty();
      String status = !e.reportedHealthy() ? e.report() : portState.isEmpty() ? "port up, " + e.report() : portState;
      int mark = markOrZero(new MarkTable.Target(e.spec().id(), Optional.empty()));
      boolean drains = draining.contains(e.spec().id());
      nodeInfos.put(e.spec().id(), new NodeInfo(e.spec(), e.index(), mark, ok,
          drains ? "draining; " + status : status, drains));
      healthyNode.put(e.spec().id(), ok);
      if (mark > 0) {
        byMark.put(mark, e.asTarget(mark, false));
      }
    }
    List<Snapshot.Active> active = new ArrayList<>();
    Map<Integer, Snapshot.Active> byId = new HashMap<>();
    Map<Snapshot.Audience, List<SteeringNode>> targets = new HashMap<>();
    Set<SteeringNode> drainingTargets = new HashSet<>();
    for (ServiceInfo s : services.values()) {
      Snapshot.Active a = new Snapshot.Active(s, new SteeredService(s.id(), s.request().filter(),
          meters.meterOf(s.request().user())));
      active.add(a);
      byId.put(s.id(), a);
      targets.computeIfAbsent(a.audience(), audience -> targetsFor(audience, healthyNode, byMark, drainingTargets));
    }
    active.sort(Snapshot.CLASSIFIER_ORDER);
    snapshot = new Snapshot(List.copyOf(active), Map.copyOf(byId), Map.copyOf(targets), Map.copyOf(byMark),
        Map.copyOf(nodeInfos), List.copyOf(drainingTargets));
  }

  /**
   * The healthy nodes of the audience's pool, or their ready containers for the audience's user; draining
   * ones go to {@code drainingOut} instead.
   */
  private List<SteeringNode> targetsFor(Snapshot.Audience audience, Map<String, Boolean> healthyNode,
      Map<Integer, SteeringNode> byMark, Set<SteeringNode> drainingOut) {
    List<SteeringNode> out = new ArrayList<>();
    for (NodeTable.Entry e : nodes.inPool(audience.pool())) {
      MarkTable.Target target = new MarkTable.Target(e.spec().id(), audience.user());
      int mark = markOrZero(target);
      if (mark == 0) {
        continue;
      }
      SteeringNode node = e.asTarget(mark, audience.user().isPresent());
      byMark.put(mark, node);
      boolean ready = audience.user().isEmpty() || containers.containsKey(target);
      if (healthyNode.getOrDefault(e.spec().id(), false) && ready) {
        (draining.contains(e.spec().id()) ? drainingOut : out).add(node);
      }
    }
    return List.copyOf(out);
  }

  private int markOrZero(MarkTable.Target target) {
    try {
      return marks.markOf(target);
    } catch (SteeringException e) {
      log.error("{}", e.getMessage());
      return 0;
    }
  }

  /** Empty when the node's port is up; otherwise why not. */
  private String portState(NodeSpec spec) {
    Optional<OFSwitch> sw = switches.getSwitch(spec.attachment().dpid());
    if (sw.isEmpty()) {
      return "switch " + spec.attachment().dpid() + " not connected";
    }
    if (sw.get().port(spec.attachment().port()).isEmpty()) {
      return "port " + spec.attachment() + " does not exist";
    }
    return sw.get().isPortUp(spec.attachment().port()) ? "" : "port " + spec.attachment() + " down";
  }

  private int allocateId() throws SteeringException {
    for (int i = 0; i < Cookie.MAX_SERVICE; i++) {
      int candidate = (nextServiceId + i - 1) % Cookie.MAX_SERVICE + 1;
      if (!services.containsKey(candidate)) {
        return candidate;
      }
    }
    throw new SteeringException("no service id left");
  }

  private void checkExpressible(SteeredService planned, SteeringMode mode, List<NodeTable.Entry> pool)
      throws SteeringException {
    ControllerFabricView fabric = fabric();
    List<SteeringNode> all = pool.stream().map(e -> e.asTarget(1, false)).toList();
    try {
      SteeringPlanner.classifiers(fabric, planned, dpid -> mode == SteeringMode.REACTIVE
          || fabric.factory(dpid).getVersion() == OFVersion.OF_10 ? Placement.TRAP : Placement.GROUP, all,
          config.splitBits());
    } catch (IllegalArgumentException e) {
      throw new SteeringException("filter " + planned.filter() + " cannot be installed: " + e.getMessage());
    }
  }

  private void notifyListeners(Consumer<SteeringListener> event) {
    for (SteeringListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        log.error("steering listener {} failed", l.getClass().getName(), e);
      }
    }
  }

  void shutDown() {
    worker.close();
  }
}
