package org.netservof.bridge.nodes;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netservof.bridge.api.AgentListener;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.ModuleReport;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodeChannelEvent;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.SteeringException;
import org.netservof.controller.util.RepeatedFailures;
import org.netservof.protocol.node.ChannelMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The node agents that registered over the node channel: joins each node to its pool when it registers,
 * takes it out of service when its channel goes quiet or closes, marks each user's container ready or not
 * as the node reports it, reports what the agent says to the pool, sends module commands, keeps module reports.
 * What should run on a node is not kept here: the deployment service hears {@link AgentListener#agentSynced}
 * and installs again what an agent lost.
 */
final class NodeManager implements NodeAgentService {
  private static final Logger log = LoggerFactory.getLogger(NodeManager.class);
  /** A node agent sending what nodes do not send, again and again: one line per node, kind and interval. */
  private final RepeatedFailures strayLog = RepeatedFailures.of(log, Level.WARN);

  private final NodePoolService pools;
  private final NodePoolAdminService poolAdmin;
  private final NodeHealthService health;
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, AgentRecord> nodes = new TreeMap<>();
  private final PendingHellos hellos = new PendingHellos();
  private final NodeCommands commands = new NodeCommands();
  private final InstalledModules installed;
  private final List<AgentListener> listeners = new CopyOnWriteArrayList<>();
  private final NodeEvents events;
  private final TakeoverGuard guard;
  private final NodeHolders holders;
  private final ContainerReports containerReports;
  private final PublishedReports published;
  /** The listen grants in force: what every install carries and every registered node is told. */
  final ListenGrants grants = new ListenGrants();
  private volatile NodeRoster roster;
  private volatile InetSocketAddress channelAddress;

  NodeManager(NodePoolService pools, NodePoolAdminService poolAdmin, NodeHealthService health, Clock clock,
      NodeRoster roster, InstalledModules installed, NodeHolders holders) {
    this.pools = pools;
    this.holders = holders;
    this.installed = installed;
    this.poolAdmin = poolAdmin;
    this.health = health;
    this.clock = clock;
    this.roster = roster;
    this.events = new NodeEvents(clock, listeners);
    this.guard = new TakeoverGuard(commands, events);
    this.containerReports = new ContainerReports(installed, health, commands, this::updateReady);
    this.published = new PublishedReports(installed, clock, listeners);
  }

  /** The hello frames registering nodes are awaited to send. */
  PendingHellos hellos() {
    return hellos;
  }

  /** The node agents the configuration declares now. */
  NodeRoster roster() {
    return roster;
  }

  /** A new roster: a connected node whose entry went or changed is disconnected (and may register again). */
  void setRoster(NodeRoster newRoster) {
    NodeRoster old = roster;
    roster = newRoster;
    List<NodeConnection> revoked;
    synchronized (lock) {
      revoked = nodes.entrySet().stream().filter(e -> e.getValue().connection != null)
          .filter(e -> !old.entry(e.getKey()).equals(newRoster.entry(e.getKey())))
          .map(e -> e.getValue().connection).toList();
    }
    revoked.forEach(c -> c.close("its entry in node-agents changed or went"));
  }

  @Override
  public Optional<String> instanceId() {
    return holders.self(); // the cluster's name for this member, from the cluster service
  }

  /** Records a decision about a node's identity: logged, kept, and told to the listeners. */
  void event(NodeChannelEvent.Type type, NodeConnection connection, String detail) {
    events.record(type, connection, detail);
  }

  // ---- registration ----

  /** In a cluster, the other member whose hold on the node's connection runs now (see {@link NodeHolders}). */
  @Override
  public Optional<String> heldElsewhere(String nodeId) {
    return holders.heldElsewhere(nodeId);
  }

  /** Whether a node that proved its token and attachment may have its id ({@link TakeoverGuard}); changes nothing. */
  CompletableFuture<TakeoverGuard.Verdict> liveCheck(NodeConnection connection, Duration answerWithin) {
    Optional<String> member = holders.heldElsewhere(connection.nodeId());
    if (member.isPresent()) {
      // Only the holder can ask its node whether it is still there; a real node goes on to the next member.
      return CompletableFuture.completedFuture(guard.heldElsewhere(connection, member.get()));
    }
    NodeConnection live;
    synchronized (lock) {
      AgentRecord record = nodes.get(connection.nodeId());
      live = record == null ? null : record.connection;
    }
    return guard.check(connection, live, answerWithin);
  }

  /**
   * A node proved its token and its attachment, and its id is free ({@link #liveCheck}): it joins its pool
   * (or comes back to it).
   *
   * @param replacing the silent connection {@link #liveCheck} found, or null
   * @return why it is refused, if it is
   */
  Optional<String> registered(NodeConnection connection, NodeConnection replacing) {
    NodeSpec spec = connection.spec();
    NodeConnection old;
    synchronized (lock) {
      AgentRecord record = nodes.get(spec.id());
      if (record != null && record.connection != null && record.connection != replacing) {
        return Optional.of("another registration of node " + spec.id() + " came first");
      }
      Optional<String> refused = joinPool(spec, record == null, connection.address());
      if (refused.isPresent()) {
        return refused;
      }
      // After the pool has the node, so that the other members find it there when they hear of the claim.
      Optional<String> member = holders.claim(spec.id(), holders.describe(connection.registration(),
          connection.address(), List.of()));
      if (member.isPresent()) {
        return Optional.of("node " + spec.id() + " is connected to member " + member.get());
      }
      if (record == null) {
        record = new AgentRecord();
        nodes.put(spec.id(), record);
      }
      old = record.connection;
      record.connection = connection;
      record.registration = connection.registration();
      record.address = connection.address();
      record.heardSinceRegistration = false;
      record.lastHeartbeat = null;
      record.stats = List.of();
      record.ready.clear();
      report(spec.id(), record);
    }
    if (old != null && old != connection) {
      old.close("replaced by a new registration from " + connection.address());
    }
    log.info("node {} registered from {}: pool {}, {} at {}, weight {}, blocks {}", spec.id(), connection.address(),
        spec.pool(), spec.mac(), spec.attachment(), spec.weight(), connection.registration().blocks());
    return Optional.empty();
  }

  /** Puts the node in its pool as it describes itself now; empty when it joined. */
  private Optional<String> joinPool(NodeSpec spec, boolean firstTime, String address) {
    Optional<NodeView> known = pools.node(spec.id());
    // A node of the pools at the same port before it registers here: the store kept it from before a restart.
    if (firstTime && known.isPresent() && !known.get().spec().attachment().equals(spec.attachment())) {
      return Optional.of("node id " + spec.id() + " is taken by a node the configuration adds");
    }
    try {
      if (known.isPresent() && !known.get().spec().equals(spec)) {
        log.info("node {} registers as {} in pool {}; it was {} in pool {}", spec.id(), spec.attachment(),
            spec.pool(), known.get().spec().attachment(), known.get().spec().pool());
        poolAdmin.removeNode(spec.id());
        known = Optional.empty();
      }
      if (known.isEmpty()) {
        poolAdmin.addNode(spec);
      }
      health.setNodeHealth(spec.id(), true, "node agent registered from " + address);
      return Optional.empty();
    } catch (SteeringException e) {
      log.warn("node {} from {} cannot join pool {}: {}", spec.id(), address, spec.pool(), e.getMessage());
      return Optional.of("cannot join pool " + spec.pool() + ": " + e.getMessage());
    }
  }

  /** A node's channel closed or went quiet: it gets no more flows until it registers again. */
  void lost(NodeConnection connection, String reason) {
    takeOutOfService(connection, reason, false);
  }

  private void takeOutOfService(NodeConnection connection, String reason, boolean planned) {
    List<String> users;
    synchronized (lock) {
      AgentRecord record = nodes.get(connection.nodeId());
      if (record == null || record.connection != connection) {
        return;
      }
      record.connection = null;
      holders.release(connection.nodeId());
      users = List.copyOf(record.ready.keySet());
      record.ready.clear();
      report(connection.nodeId(), record);
    }
    commands.failAll(connection.nodeId(), reason);
    if (planned) {
      log.info("node {} leaves ({}); its flows move to the rest of its pool", connection.nodeId(), reason);
    } else {
      log.warn("node {} lost: {}; its flows move to the rest of its pool", connection.nodeId(), reason);
    }
    try {
      health.setNodeHealth(connection.nodeId(), false, (planned ? "node agent left: " : "node agent lost: ") + reason);
      for (String user : users) {
        health.setContainerReady(connection.nodeId(), user, false, planned ? "node left" : "node lost");
      }
    } catch (SteeringException e) {
      log.debug("node {} is no longer in a pool: {}", connection.nodeId(), e.getMessage());
    }
  }

  /** A sealed message from a registered node. */
  void received(NodeConnection connection, ChannelMessage message) {
    if (message instanceof ChannelMessage.Heartbeat heartbeat) {
      heartbeat(connection, heartbeat);
    } else if (message instanceof ChannelMessage.ContainerState state) {
      containerReports.received(connection, state);
    } else if (message instanceof ChannelMessage.Leaving leaving) {
      takeOutOfService(connection, leaving.reason(), true);
    } else if (message instanceof ChannelMessage.ModuleReport report) {
      published.received(connection.nodeId(), report);
    } else if (message instanceof ChannelMessage.Result result) {
      commands.result(connection.nodeId(), result);
    } else {
      strayLog.report(List.of(connection.nodeId(), message.getClass()), null,
          "node {} sent {}, which nodes do not send; ignored", connection.nodeId(), message.getClass().getSimpleName());
    }
  }

  private void heartbeat(NodeConnection connection, ChannelMessage.Heartbeat heartbeat) {
    connection.send(new ChannelMessage.Heartbeat(List.of()));
    Map<String, List<String>> running = null;
    synchronized (lock) {
      AgentRecord record = nodes.get(connection.nodeId());
      if (record == null || record.connection != connection) {
        return;
      }
      record.lastHeartbeat = clock.instant();
      record.stats = heartbeat.containers() == null ? List.of() : heartbeat.containers().stream()
          .filter(c -> c != null && installed.serves(connection.nodeId(), c.user())).toList();
      if (!record.heardSinceRegistration) {
        // The node reported its running containers right after registering, before this heartbeat.
        record.heardSinceRegistration = true;
        running = new TreeMap<>();
        for (ChannelMessage.ContainerState c : record.ready.values()) {
          running.put(c.user(), List.copyOf(c.modules()));
        }
      }
      report(connection.nodeId(), record);
    }
    if (running != null) {
      Map<String, List<String>> synced = Map.copyOf(running);
      listeners.forEach(l -> l.agentSynced(connection.nodeId(), synced));
    }
  }

  /** Records a container's readiness; false when the connection is not the node's current one. */
  boolean updateReady(NodeConnection connection, ChannelMessage.ContainerState state, boolean ready) {
    synchronized (lock) {
      AgentRecord record = nodes.get(connection.nodeId());
      if (record == null || record.connection != connection) {
        return false;
      }
      if (ready) {
        record.ready.put(state.user(), state);
      } else {
        record.ready.remove(state.user());
      }
      report(connection.nodeId(), record);
      return true;
    }
  }

  /** Tells the pool (and, in a cluster, the other members) what the agent says now; under the lock. */
  private void report(String nodeId, AgentRecord r) {
    if (r.connection != null) {
      List<String> ready = r.ready.keySet().stream().sorted().toList();
      holders.update(nodeId, holders.describe(r.registration, r.address, ready), !ready.equals(r.heldReady));
      r.heldReady = ready;
    }
    try {
      health.reportAgent(nodeId, Optional.of(AgentReports.agent(r.registration, r.address, r.connection != null,
          Optional.ofNullable(r.lastHeartbeat), r.ready.keySet().stream().sorted().toList(), r.stats)));
    } catch (SteeringException e) {
      log.debug("node {} is not in a pool: {}", nodeId, e.getMessage());
    }
  }

  // ---- NodeAgentService ----

  void listeningOn(InetSocketAddress address) {
    channelAddress = address;
  }

  @Override
  public Optional<InetSocketAddress> channelAddress() {
    return Optional.ofNullable(channelAddress);
  }

  @Override
  public CompletableFuture<Void> install(String nodeId, ModuleInstall install) throws SteeringException {
    NodeConnection connection;
    int mark;
    synchronized (lock) {
      connection = connected(nodeId);
      mark = health.containerMark(nodeId, install.user());
    }
    installed.installing(nodeId, install.user(), install.module());
    return commands.send(nodeId, connection, id -> new ChannelMessage.Install(id, install.user(), mark,
        install.module(), install.url().toString(), install.sha256(), install.properties(), grants.of(install.user())))
        .whenComplete((ok, failed) -> {
          if (failed != null) {
            installed.removed(nodeId, install.user(), install.module());
          }
        })
        .thenRun(() -> log.info("node {} installed {} for {} (mark {})", nodeId, install.module(), install.user(),
            mark));
  }

  @Override
  public void listenGrants(Map<String, List<String>> granted) {
    grants.replace(granted);
  }

  @Override
  public CompletableFuture<Void> remove(String nodeId, String user, String module) throws SteeringException {
    return commands.send(nodeId, connected(nodeId), id -> new ChannelMessage.Remove(id, user, module))
        .thenRun(() -> {
          installed.removed(nodeId, user, module);
          published.forget(nodeId, user, module);
          log.info("node {} removed {} for {}", nodeId, module, user);
        });
  }

  @Override
  public CompletableFuture<Void> update(String nodeId, String user, String module, Map<String, String> properties)
      throws SteeringException {
    return commands.send(nodeId, connected(nodeId), id -> new ChannelMessage.Update(id, user, module, properties));
  }

  @Override
  public Map<String, ModuleReport> reports(String user, String module) {
    return published.latest(user, module);
  }

  @Override
  public List<NodeChannelEvent> events() {
    return events.recent();
  }

  @Override
  public void addListener(AgentListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(AgentListener listener) {
    listeners.remove(listener);
  }

  private NodeConnection connected(String nodeId) throws SteeringException {
    synchronized (lock) {
      AgentRecord r = nodes.get(nodeId);
      if (r == null) {
        throw new SteeringException("no node '" + nodeId + "' has registered");
      }
      if (r.connection == null) {
        throw new SteeringException("node '" + nodeId + "' is not connected");
      }
      return r.connection;
    }
  }
}
