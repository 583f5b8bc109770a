package org.netservof.bridge.nodes;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netservof.bridge.api.AgentListener;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.SteeringException;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.protocol.node.ChannelMessage;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agents that registered over the node channel: joins each node to its pool when it registers,
 * takes it out of service when its channel goes quiet or closes, marks each user's container ready or not
 * as the node reports it, reports what the agent says to the pool, and sends install and remove commands.
 * What should run on a node is not kept here: the deployment service hears {@link AgentListener#agentSynced}
 * and installs again what an agent lost.
 */
final class NodeManager implements NodeAgentService {
  private static final Logger log = LoggerFactory.getLogger(NodeManager.class);

  /** A registering node's hello frame, awaited. */
  private record PendingHello(NodeSpec spec, Runnable onSeen) {}

  /** What the controller knows of one agent; guarded by the manager's lock. */
  private static final class Record {
    NodeConnection connection;
    ChannelMessage.Register registration;
    String address;
    boolean heardSinceRegistration;
    Instant lastHeartbeat;
    List<ChannelMessage.ContainerStats> stats = List.of();
    final Map<String, ChannelMessage.ContainerState> ready = new HashMap<>();
  }

  private final NodePoolService pools;
  private final NodePoolAdminService poolAdmin;
  private final NodeHealthService health;
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, Record> nodes = new TreeMap<>();
  private final Map<String, PendingHello> hellos = new ConcurrentHashMap<>();
  private final NodeCommands commands = new NodeCommands();
  private final List<AgentListener> listeners = new CopyOnWriteArrayList<>();
  private volatile InetSocketAddress channelAddress;

  NodeManager(NodePoolService pools, NodePoolAdminService poolAdmin, NodeHealthService health, Clock clock) {
    this.pools = pools;
    this.poolAdmin = poolAdmin;
    this.health = health;
    this.clock = clock;
  }

  /**
   * The node a registration describes.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static NodeSpec specOf(ChannelMessage.Register r) {
    if (r.id() == null || r.pool() == null || r.mac() == null || r.dpid() == null || r.interfaceName() == null
        || r.blocks() == null) {
      throw new IllegalArgumentException("id, pool, mac, dpid, interfaceName and blocks are all needed");
    }
    if (r.port() < 1 || r.port() > 0xffffff00L) {
      throw new IllegalArgumentException("port " + r.port() + " is not a physical switch port");
    }
    return new NodeSpec(r.id(), r.pool(), new SwitchPort(parse("dpid", r.dpid(), DatapathId::of,
        "8 colon-separated bytes"), OFPort.of(r.port())), parse("mac", r.mac(), MacAddress::of, "a MAC address"),
        r.weight());
  }

  private static <T> T parse(String field, String text, java.util.function.Function<String, T> parser, String what) {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + " '" + text + "' is not " + what);
    }
  }

  // ---- registration ----

  void expectHello(String nonce, NodeSpec spec, Runnable onSeen) {
    hellos.put(nonce, new PendingHello(spec, onSeen));
  }

  void forgetHello(String nonce) {
    hellos.remove(nonce);
  }

  /** A hello frame arrived in a PacketIn. */
  void helloSeen(String nonce, SwitchPort at, MacAddress source) {
    PendingHello p = hellos.get(nonce);
    if (p == null) {
      log.debug("hello frame from {} at {} with a nonce nobody waits for", source, at);
      return;
    }
    if (!p.spec().attachment().equals(at) || !p.spec().mac().equals(source)) {
      log.warn("node {}: its hello frame came from {} through {}, but it says it is {} at {}", p.spec().id(), source,
          at, p.spec().mac(), p.spec().attachment());
      return;
    }
    hellos.remove(nonce);
    p.onSeen().run();
  }

  /**
   * A node proved its token and its attachment: it joins its pool (or comes back to it).
   *
   * @return why it is refused, if it is
   */
  Optional<String> registered(NodeConnection connection) {
    NodeSpec spec = connection.spec();
    NodeConnection old;
    synchronized (lock) {
      Record record = nodes.get(spec.id());
      Optional<String> refused = joinPool(spec, record == null, connection.address());
      if (refused.isPresent()) {
        return refused;
      }
      if (record == null) {
        record = new Record();
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
      old.close("superseded by a new registration from " + connection.address());
    }
    log.info("node {} registered from {}: pool {}, {} at {}, weight {}, blocks {}", spec.id(), connection.address(),
        spec.pool(), spec.mac(), spec.attachment(), spec.weight(), connection.registration().blocks());
    return Optional.empty();
  }

  /** Puts the node in its pool as it describes itself now; empty when it joined. */
  private Optional<String> joinPool(NodeSpec spec, boolean firstTime, String address) {
    Optional<NodeView> known = pools.node(spec.id());
    if (firstTime && known.isPresent()) {
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
      Record record = nodes.get(connection.nodeId());
      if (record == null || record.connection != connection) {
        return;
      }
      record.connection = null;
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
      containerState(connection, state);
    } else if (message instanceof ChannelMessage.Leaving leaving) {
      takeOutOfService(connection, leaving.reason(), true);
    } else if (message instanceof ChannelMessage.Result result) {
      commands.result(result);
    } else {
      log.warn("node {} sent {}, which nodes do not send; ignored", connection.nodeId(),
          message.getClass().getSimpleName());
    }
  }

  private void heartbeat(NodeConnection connection, ChannelMessage.Heartbeat heartbeat) {
    connection.send(new ChannelMessage.Heartbeat(List.of()));
    Map<String, List<String>> running = null;
    synchronized (lock) {
      Record record = nodes.get(connection.nodeId());
      if (record == null || record.connection != connection) {
        return;
      }
      record.lastHeartbeat = clock.instant();
      record.stats = heartbeat.containers() == null ? List.of() : List.copyOf(heartbeat.containers());
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

  private void containerState(NodeConnection connection, ChannelMessage.ContainerState state) {
    String id = connection.nodeId();
    try {
      if (!state.ready()) {
        updateReady(connection, state, false);
        health.setContainerReady(id, state.user(), false, state.reason());
        return;
      }
      int mark = health.containerMark(id, state.user());
      if (mark != state.vlan()) {
        // A container from before this controller started, on a mark that is not its user's any more.
        log.info("node {} runs a container for {} on mark {}, where the user's mark is {}; removing its modules {}",
            id, state.user(), state.vlan(), mark, state.modules());
        for (String module : state.modules()) {
          connection.send(new ChannelMessage.Remove(commands.nextId(), state.user(), module));
        }
        return;
      }
      if (updateReady(connection, state, true)) {
        health.setContainerReady(id, state.user(), true, state.reason());
      }
    } catch (SteeringException e) {
      log.warn("node {}: container of {}: {}", id, state.user(), e.getMessage());
    }
  }

  /** Records a container's readiness; false when the connection is not the node's current one. */
  private boolean updateReady(NodeConnection connection, ChannelMessage.ContainerState state, boolean ready) {
    synchronized (lock) {
      Record record = nodes.get(connection.nodeId());
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

  /** Tells the pool what the agent says now; under the lock. */
  private void report(String nodeId, Record r) {
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
    return commands.send(nodeId, connection, id -> new ChannelMessage.Install(id, install.user(), mark,
        install.module(), install.url().toString(), install.sha256(), install.properties()))
        .thenRun(() -> log.info("node {} installed {} for {} (mark {})", nodeId, install.module(), install.user(),
            mark));
  }

  @Override
  public CompletableFuture<Void> remove(String nodeId, String user, String module) throws SteeringException {
    NodeConnection connection;
    synchronized (lock) {
      connection = connected(nodeId);
    }
    return commands.send(nodeId, connection, id -> new ChannelMessage.Remove(id, user, module))
        .thenRun(() -> log.info("node {} removed {} for {}", nodeId, module, user));
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
    Record r = nodes.get(nodeId);
    if (r == null) {
      throw new SteeringException("no node '" + nodeId + "' has registered");
    }
    if (r.connection == null) {
      throw new SteeringException("node '" + nodeId + "' is not connected");
    }
    return r.connection;
  }
}
