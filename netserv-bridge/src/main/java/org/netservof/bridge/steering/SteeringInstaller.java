package org.netservof.bridge.steering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.FlowMods;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.plan.Plan;
import org.netservof.policy.plan.PlanDiff;
import org.netservof.policy.steering.EdgeGuards;
import org.netservof.policy.steering.Placement;
import org.netservof.policy.steering.SteeredService;
import org.netservof.policy.steering.SteeringNode;
import org.netservof.policy.steering.SteeringPlanner;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of steering's FlowMods, GroupMods and MeterMods. On its one worker thread it turns the
 * current snapshot into the desired plan (guards that drop tagged frames at edge ports, tunnels for the nodes
 * in use, classifiers for every service), diffs it against what is installed, and pushes the diff
 * make-before-break, each phase confirmed by barriers; meters go first and leave last. Per-flow entries of reactive services are not in the plan: they are
 * tracked, and deleted here by service, node or mark when those go.
 */
final class SteeringInstaller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SteeringInstaller.class);
  static final Duration PUSH_TIMEOUT = Duration.ofSeconds(15);

  private final SwitchService switches;
  private final TopologyService topology;
  private final SteeringConfig config;
  private final FlowTracker flows;
  private final UserMeters meters;
  private final Supplier<Snapshot> snapshot;
  private final SteeringWorker worker = new SteeringWorker(this::push);
  private final Set<DatapathId> warnedOpenFlow10 = ConcurrentHashMap.newKeySet();
  // Worker thread only.
  private Plan installed = Plan.empty();

  SteeringInstaller(SwitchService switches, TopologyService topology, SteeringConfig config, FlowTracker flows,
      UserMeters meters, Supplier<Snapshot> snapshot) {
    this.switches = switches;
    this.topology = topology;
    this.config = config;
    this.flows = flows;
    this.meters = meters;
    this.snapshot = snapshot;
  }

  ControllerFabricView fabric() {
    return new ControllerFabricView(topology.current(), switches);
  }

  /** Queues a reconciliation; completes when the switches confirmed it. */
  CompletableFuture<Void> reconcile(String why) {
    return worker.reconcile(why);
  }

  /**
   * A switch connected (after its set-up, {@link SwitchCleaner} included, went out): what it holds of the
   * plan and of the meters is unknown, so the next push writes them whole.
   */
  void switchConnected(OFSwitch sw) {
    worker.execute(() -> {
      installed = installed.without(sw.id());
      meters.forget(sw.id());
    });
  }

  void switchDisconnected(DatapathId id) {
    worker.execute(() -> installed = installed.without(id));
  }

  /**
   * Throws when the service's filter cannot be written on the fabric as it is.
   *
   * @throws IllegalArgumentException naming what cannot be expressed
   */
  void checkExpressible(SteeredService planned, SteeringMode mode, List<SteeringNode> pool) {
    ControllerFabricView fabric = fabric();
    SteeringPlanner.classifiers(fabric, planned, dpid -> mode == SteeringMode.REACTIVE
        || fabric.factory(dpid).getVersion() == OFVersion.OF_10 ? Placement.TRAP : Placement.GROUP, pool,
        config.splitBits());
  }

  private void push(String why) throws Exception {
    ControllerFabricView fabric = fabric();
    Plan desired = desiredPlan(fabric, snapshot.get());
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
  private Map<DatapathId, List<OFMessage>> meterChanges(BiFunction<DatapathId, OFFactory, List<OFMessage>> change) {
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
    Set<Integer> marks = new HashSet<>(snap.byMark().keySet());
    inUse.forEach(n -> marks.add(n.mark()));
    Plan.Builder plan = Plan.builder().addAll(EdgeGuards.plan(fabric, marks))
        .addAll(SteeringPlanner.tunnels(fabric, inUse));
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
    return switches.getSwitch(dpid).map(OFSwitch::factory).orElse(OFFactories.getFactory(OFVersion.OF_13));
  }

  private void phase(Map<DatapathId, List<OFMessage>> messages, Set<DatapathId> failed) throws InterruptedException {
    Map<DatapathId, CompletableFuture<Void>> confirmations = new HashMap<>();
    messages.forEach((dpid, batch) -> switches.getSwitch(dpid)
        .ifPresent(sw -> confirmations.put(dpid, sw.writeConfirmed(batch))));
    for (Map.Entry<DatapathId, CompletableFuture<Void>> c : confirmations.entrySet()) {
      try {
        c.getValue().get(PUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        if (switches.getSwitch(c.getKey()).isEmpty()) {
          // Not a refusal: a switch that left is written whole when it connects again (switchConnected).
          log.info("switch {} left during steering's change", c.getKey());
          continue;
        }
        log.error("switch {} did not take steering's change: {}", c.getKey(),
            e instanceof ExecutionException ? e.getCause().getMessage() : "no barrier reply in " + PUSH_TIMEOUT);
        failed.add(c.getKey());
      }
    }
  }

  // ---- per-flow entries ----

  CompletableFuture<Void> deleteFlowsOfService(int serviceId) {
    return deleteFlows(t -> t.serviceId() == serviceId, new Cookie(CookieOwner.STEERING, serviceId, 0, 0).value(),
        Cookie.serviceMask());
  }

  CompletableFuture<Void> deleteFlowsOfNode(int nodeIndex) {
    return deleteFlows(t -> t.nodeIndex() == nodeIndex, new Cookie(CookieOwner.STEERING, 0, nodeIndex, 0).value(),
        Cookie.ownerAndNodeMask());
  }

  CompletableFuture<Void> deleteFlowsOfMark(int mark) {
    return deleteFlows(t -> t.mark() == mark, null, null);
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

  @Override
  public void close() {
    worker.close();
  }
}
