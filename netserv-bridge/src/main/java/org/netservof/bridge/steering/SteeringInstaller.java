package org.netservof.bridge.steering;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchDisconnectedException;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.plan.Plan;
import org.netservof.policy.plan.PlanDiff;
import org.netservof.policy.plan.ReadBack;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of steering's FlowMods, GroupMods and MeterMods. On its one worker thread it turns the
 * current snapshot into the desired plan (guards that drop tagged frames at edge ports, tunnels for the nodes
 * in use, classifiers for every service), diffs it against what is installed, and pushes the diff
 * make-before-break, each phase confirmed by barriers; meters go first and leave last. What is installed is
 * read back from each switch when it connects and every reconcile interval (an audit), so a push writes only
 * what a switch lacks and never wipes what is right. Reactive per-flow entries are not in the plan: they are
 * tracked, and deleted here by service, node or mark when those go. */
final class SteeringInstaller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SteeringInstaller.class);
  static final Duration PUSH_TIMEOUT = Duration.ofSeconds(15);

  private final SwitchService switches;
  private final TopologyService topology;
  private final SteeringConfig config;
  private final PerFlowDeletes perFlow;
  private final UserMeters meters;
  private final Supplier<Snapshot> snapshot;
  private final RepairLog repairLog;
  private final Clock clock;
  private final SteeringWorker worker = new SteeringWorker(this::push);
  private final AtomicBoolean auditQueued = new AtomicBoolean();
  private final Set<DatapathId> warnedOpenFlow10 = ConcurrentHashMap.newKeySet();
  // Worker thread only.
  private Plan installed = Plan.empty();
  /** Connected switches whose tables are known (read back, or written whole): pushes touch only these. */
  private final Set<DatapathId> known = new HashSet<>();
  /**
   * Switches that connected less than a reconcile interval ago, to when (clock millis) that ends: nothing is deleted
   * there yet. Right after a switch or the controller (re)starts, what intent derives is incomplete (links not
   * rediscovered, nodes elsewhere not back): deleting what it lacks would break established steered flows.
   */
  private final Map<DatapathId, Long> settleUntil = new HashMap<>();
  /**
   * What the audit of a settling switch found there that intent did not explain: kept until the switch settles
   * (or intent wants it after all). Entries that leave intent after the connect go at once, as ever.
   */
  private Plan leftovers = Plan.empty();
  /** Likewise the meters a settling switch had that no cap needed when it was audited (caps may come back). */
  private final Map<DatapathId, Set<Integer>> leftoverMeters = new HashMap<>();

  SteeringInstaller(SwitchService switches, TopologyService topology, SteeringConfig config, FlowTracker flows,
      UserMeters meters, Supplier<Snapshot> snapshot, RepairLog repairLog, Clock clock) {
    this.switches = switches;
    this.topology = topology;
    this.config = config;
    this.perFlow = new PerFlowDeletes(switches, flows);
    this.meters = meters;
    this.snapshot = snapshot;
    this.repairLog = repairLog;
    this.clock = clock;
  }

  ControllerFabricView fabric() {
    return new ControllerFabricView(topology.current(), switches);
  }

  /** Runs a task on steering's worker, after what is queued already. */
  void later(Runnable task) {
    worker.execute(task);
  }

  /** Queues a reconciliation; completes when the switches confirmed it. */
  CompletableFuture<Void> reconcile(String why) {
    return worker.reconcile(why);
  }

  /**
   * A switch connected (after its set-up went out): what it holds is unknown, so it is audited before the next
   * push, which then writes only what it lacks.
   */
  void switchConnected(OFSwitch sw) {
    worker.execute(() -> audit(List.of(sw), "switch connected"));
  }

  void switchDisconnected(DatapathId id) {
    worker.execute(() -> {
      installed = installed.without(id);
      meters.forget(id);
      known.remove(id);
      settleUntil.remove(id);
      leftovers = leftovers.without(id);
      leftoverMeters.remove(id);
    });
  }

  /**
   * Queues an audit of every connected switch, unless one is queued and has not started: reads their tables
   * back, compares them with intent, and repairs what differs.
   */
  void auditAll(String why) {
    if (auditQueued.compareAndSet(false, true)) {
      worker.execute(() -> {
        auditQueued.set(false);
        audit(switches.switches(), why);
      });
    }
  }

  /** Whether a switch connected less than a reconcile interval ago (worker thread). */
  private boolean settling(DatapathId dpid) {
    Long until = settleUntil.get(dpid);
    return until != null && until > clock.millis();
  }

  RepairLog repairs() {
    return repairLog;
  }

  /**
   * Reads the switches' steering tables back and takes them as what is installed there, then pushes: what
   * intent wants and a switch lacks is written, what differs is written over, what intent does not want is
   * deleted, and what is right is left alone (its counters and its traffic go on). Reactive per-flow entries
   * stay while their service exists. OpenFlow 1.0 switches cannot be read by cookie: their entries are
   * written whole on connect, as before.
   */
  private void audit(Collection<OFSwitch> targets, String why) {
    Plan desired = desiredPlan(fabric(), snapshot.get());
    Set<DatapathId> audited = new TreeSet<>();
    Repairs repairs = new Repairs(targets.stream().map(OFSwitch::id).collect(Collectors.toSet()));
    for (OFSwitch sw : targets) {
      if (known.add(sw.id())) {
        settleUntil.put(sw.id(), clock.millis() + config.reconcileInterval().toMillis());
      }
      if (sw.factory().getVersion() == OFVersion.OF_10) {
        continue; // no cookie masks to read by: written whole after it connected (nothing was installed there)
      }
      try {
        SwitchTables tables = SwitchTables.readFollowing(sw, perFlow.flows());
        Plan has = ReadBack.installed(desired.on(sw.id()), tables.plan());
        installed = installed.without(sw.id()).with(has);
        if (settling(sw.id())) {
          leftovers = leftovers.without(sw.id()).with(unexplained(has.notIn(desired)));
        }
        meters.learn(sw.id(), tables.userMeters());
        if (settling(sw.id())) {
          leftoverMeters.put(sw.id(), meters.unwanted(sw.id()));
        }
        deleteStrays(sw, tables, repairs);
        audited.add(sw.id());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // shutting down
        return;
      } catch (Exception e) {
        installed = installed.without(sw.id()); // unknown: the push writes it whole
        meters.forget(sw.id());
        log.warn("switch {}: steering could not read its tables back ({}); writing its entries whole", sw.id(),
            e instanceof ExecutionException ? e.getCause().getMessage() : e.toString());
      }
    }
    if (repair(why, repairs)) {
      repairLog.audited(audited, repairs, why);
    }
  }

  /** Applies an audit's repairs; false when the controller stopped steering meanwhile (the next start audits). */
  private boolean repair(String why, Repairs repairs) {
    try {
      apply(why, repairs);
    } catch (InterruptedException e) {
      log.info("steering stopped during its audit ({})", why);
      return false;
    } catch (Exception e) {
      log.error("steering's audit ({}) could not repair every switch: {}", why, e.getMessage());
    }
    return true;
  }

  /**
   * What a settling switch keeps of the entries intent does not want: not the entries of services intent no
   * longer has (services are read whole from the store at start, so a service missing there is gone, its lease
   * ran out while the controller was down, say), only those of services and nodes intent may yet derive
   * differently once links and nodes are back.
   */
  private Plan unexplained(Plan unwanted) {
    Set<Integer> services = snapshot.get().byId().keySet();
    Plan.Builder kept = Plan.builder();
    unwanted.groups().forEach(kept::add);
    unwanted.flows().stream().filter(f -> Cookie.read(f.cookie()).map(Cookie::service)
        .map(id -> id == 0 || services.contains(id)).orElse(true)).forEach(kept::add);
    return kept.build();
  }

  /** Deletes per-flow entries of services that are gone, and entries steering never writes. */
  private void deleteStrays(OFSwitch sw, SwitchTables tables, Repairs repairs) {
    Set<Integer> services = snapshot.get().byId().keySet();
    List<OFMessage> deletes = tables.strays(services::contains, repairs).stream()
        .map(e -> (OFMessage) e.toDelete(sw.factory())).toList();
    if (!deletes.isEmpty()) {
      sw.writeConfirmed(deletes).whenComplete((ok, failure) -> {
        if (failure != null) {
          log.warn("switch {} did not delete steering's stray entries: {}", sw.id(), failure.getMessage());
        }
      });
    }
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
    apply(why, new Repairs(Set.of()));
  }

  /** Brings the switches from what is installed to what intent wants; notes the repairs on audited switches. */
  private void apply(String why, Repairs repairs) throws Exception {
    ControllerFabricView fabric = fabric();
    // A switch not yet read back is left alone (what it holds is unknown until its audit), and so is one the
    // topology does not show yet (intent there is unknown until it does: planning it now would delete its entries).
    Set<DatapathId> ready = new HashSet<>(fabric.switches());
    ready.retainAll(known);
    Plan have = installed.where(ready::contains);
    Plan planned = desiredPlan(fabric, snapshot.get()).where(ready::contains);
    leftovers = leftovers.where(this::settling).notIn(planned);
    Plan desired = planned.with(leftovers.where(ready::contains));
    PlanDiff diff = PlanDiff.between(have, desired);
    repairs.diff(diff, have);
    Set<DatapathId> failed = new HashSet<>();
    // Meters first (entries may only name meters the switch has), deletes last (a deleted meter takes the
    // entries that use it along).
    phase(meterChanges(meters::additions, repairs), failed);
    if (!diff.isEmpty()) {
      phase(diff.make(this::factoryOf), failed);
      if (failed.isEmpty()) {
        phase(diff.breakOld(this::factoryOf), failed);
      }
      Plan now = desired;
      for (DatapathId d : failed) {
        now = now.without(d); // unknown state there: the next change rewrites it whole
      }
      installed = installed.where(d -> !ready.contains(d)).with(now);
      log.info("steering after {}: {}", why, diff);
    }
    if (failed.isEmpty()) { // a settling switch keeps what no cap wanted at its audit: caps may not be set again yet
      phase(meterChanges((dpid, f) -> meters.removals(dpid, f, settling(dpid)
          ? leftoverMeters.getOrDefault(dpid, Set.of()) : Set.of()), repairs), failed);
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("switches " + failed + " refused part of the change; see the log above");
    }
  }

  /** Meter messages for every connected switch, from {@link UserMeters}. */
  private Map<DatapathId, List<OFMessage>> meterChanges(BiFunction<DatapathId, OFFactory, List<OFMessage>> change,
      Repairs repairs) {
    Map<DatapathId, List<OFMessage>> out = new HashMap<>();
    for (OFSwitch sw : switches.switches()) {
      if (!known.contains(sw.id())) {
        continue; // its meters are unknown until its audit: an ADD of one it kept would fail (METER_EXISTS)
      }
      List<OFMessage> messages = change.apply(sw.id(), sw.factory());
      if (!messages.isEmpty()) {
        out.put(sw.id(), messages);
      }
    }
    repairs.meters(out);
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
    return ReadBack.canonical(plan.build()); // in the form audits read back, so they find what is right
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
    return switches.connectedSwitch(dpid).map(sw -> sw.description().getHwDesc().contains("Open vSwitch")
        || sw.description().getMfrDesc().startsWith("Nicira")).orElse(false);
  }

  /** The switch's factory; for a switch that just left, any factory: its messages are dropped anyway. */
  private OFFactory factoryOf(DatapathId dpid) {
    return switches.connectedSwitch(dpid).map(OFSwitch::factory).orElse(OFFactories.getFactory(OFVersion.OF_13));
  }

  private void phase(Map<DatapathId, List<OFMessage>> messages, Set<DatapathId> failed) throws InterruptedException {
    Map<DatapathId, CompletableFuture<Void>> confirmations = new HashMap<>();
    messages.forEach((dpid, batch) -> switches.getSwitch(dpid)
        .ifPresent(sw -> confirmations.put(dpid, sw.writeConfirmed(batch))));
    for (Map.Entry<DatapathId, CompletableFuture<Void>> c : confirmations.entrySet()) {
      try {
        c.getValue().get(PUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        if (SwitchDisconnectedException.isCauseOf(e) || switches.getSwitch(c.getKey()).isEmpty()) {
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
    return perFlow.ofService(serviceId);
  }

  CompletableFuture<Void> deleteFlowsOfNode(int nodeIndex) {
    return perFlow.ofNode(nodeIndex);
  }

  CompletableFuture<Void> deleteFlowsOfMark(int mark) {
    return perFlow.ofMark(mark);
  }

  @Override
  public void close() {
    worker.close();
  }
}
