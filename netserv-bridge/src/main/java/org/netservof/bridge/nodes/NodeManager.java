package org.netservof.bridge.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeInfo;
import org.netservof.bridge.api.NodeService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeStatus;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringService;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered service nodes: joins each to its pool in steering when it registers, takes it out of
 * service when its channel goes quiet or closes, marks each user's container ready or not as the node
 * reports it, and sends install and remove commands. It remembers what it installed on each node, and
 * installs it again on a node whose agent restarted without it.
 */
final class NodeManager implements NodeService {
  private static final Logger log = LoggerFactory.getLogger(NodeManager.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** A registering node's hello frame, awaited. */
  private record PendingHello(NodeSpec spec, Runnable onSeen) {}

  /** A command sent to a node, awaiting its result. */
  private record Pending(String nodeId, CompletableFuture<Void> done) {}

  /** What the controller knows of one node; guarded by the manager's lock. */
  private static final class Record {
    NodeConnection connection;
    NodeSpec spec;
    ChannelMessage.Register registration;
    String address;
    boolean heardSinceRegistration;
    Instant lastHeartbeat;
    List<ChannelMessage.ContainerStats> stats = List.of();
    final Map<String, ChannelMessage.ContainerState> ready = new HashMap<>();
    final Map<String, LinkedHashMap<String, ModuleInstall>> installed = new HashMap<>();
  }

  private final SteeringService steering;
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, Record> nodes = new TreeMap<>();
  private final Map<String, PendingHello> hellos = new ConcurrentHashMap<>();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong requestIds = new AtomicLong();

  NodeManager(SteeringService steering, Clock clock) {
    this.steering = steering;
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
    DatapathId dpid;
    MacAddress mac;
    try {
      dpid = DatapathId.of(r.dpid());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("dpid '" + r.dpid() + "' is not 8 colon-separated bytes");
    }
    try {
      mac = MacAddress.of(r.mac());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("mac '" + r.mac() + "' is not a MAC address");
    }
    return new NodeSpec(r.id(), r.pool(), new SwitchPort(dpid, OFPort.of(r.port())), mac, r.weight());
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
    synchronized (lock) {
      Record record = nodes.get(spec.id());
      Optional<NodeInfo> known = steering.node(spec.id());
      if (record == null && known.isPresent()) {
        return Optional.of("node id " + spec.id() + " is taken by a node the configuration adds");
      }
      try {
        if (known.isPresent() && !known.get().spec().equals(spec)) {
          log.info("node {} registers as {} in pool {}; it was {} in pool {}", spec.id(), spec.attachment(),
              spec.pool(), known.get().spec().attachment(), known.get().spec().pool());
          steering.removeNode(spec.id());
          known = Optional.empty();
        }
        if (known.isEmpty()) {
          steering.addNode(spec);
        }
        steering.setNodeHealth(spec.id(), true, "node agent registered from " + connection.address());
      } catch (SteeringException e) {
        log.warn("node {} from {} cannot join pool {}: {}", spec.id(), connection.address(), spec.pool(),
            e.getMessage());
        return Optional.of("cannot join pool " + spec.pool() + ": " + e.getMessage());
      }
      if (record == null) {
        record = new Record();
        nodes.put(spec.id(), record);
      }
      NodeConnection old = record.connection;
      record.connection = connection;
      record.spec = spec;
      record.registration = connection.registration();
      record.address = connection.address();
      record.heardSinceRegistration = false;
      record.ready.clear();
      if (old != null && old != connection) {
        old.close("superseded by a new registration from " + connection.address());
      }
    }
    log.info("node {} registered from {}: pool {}, {} at {}, weight {}, blocks {}", spec.id(), connection.address(),
        spec.pool(), spec.mac(), spec.attachment(), spec.weight(), connection.registration().blocks());
    return Optional.empty();
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
    }
    pending.entrySet().removeIf(e -> {
      if (e.getValue().nodeId().equals(connection.nodeId())) {
        e.getValue().done().completeExceptionally(new SteeringException("node " + connection.nodeId() + " was lost ("
            + reason + ") before it answered"));
        return true;
      }
      return false;
    });
    if (planned) {
      log.info("node {} leaves ({}); its flows move to the rest of its pool", connection.nodeId(), reason);
    } else {
      log.warn("node {} lost: {}; its flows move to the rest of its pool", connection.nodeId(), reason);
    }
    try {
      steering.setNodeHealth(connection.nodeId(), false, (planned ? "node agent left: " : "node agent lost: ")
          + reason);
      for (String user : users) {
        steering.setContainerReady(connection.nodeId(), user, false, planned ? "node left" : "node lost");
      }
    } catch (SteeringException e) {
      log.debug("node {} is no longer in steering: {}", connection.nodeId(), e.getMessage());
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
      Pending p = pending.remove(result.requestId());
      if (p != null && result.ok()) {
        p.done().complete(null);
      } else if (p != null) {
        p.done().completeExceptionally(new SteeringException("node " + p.nodeId() + ": " + result.error()));
      }
    } else {
      log.warn("node {} sent {}, which nodes do not send; ignored", connection.nodeId(),
          message.getClass().getSimpleName());
    }
  }

  private void heartbeat(NodeConnection connection, ChannelMessage.Heartbeat heartbeat) {
    connection.send(new ChannelMessage.Heartbeat(List.of()));
    List<ModuleInstallOnNode> missing = new ArrayList<>();
    synchronized (lock) {
      Record record = nodes.get(connection.nodeId());
      if (record == null || record.connection != connection) {
        return;
      }
      record.lastHeartbeat = clock.instant();
      record.stats = heartbeat.containers() == null ? List.of() : List.copyOf(heartbeat.containers());
      if (!record.heardSinceRegistration) {
        // The node reported its running containers right after registering, before this heartbeat: what
        // we installed there and it does not run any more (its agent restarted) goes in again.
        record.heardSinceRegistration = true;
        record.installed.forEach((user, modules) -> {
          ChannelMessage.ContainerState running = record.ready.get(user);
          modules.values().forEach(m -> {
            if (running == null || !running.modules().contains(m.module())) {
              missing.add(new ModuleInstallOnNode(connection.nodeId(), m));
            }
          });
        });
      }
    }
    for (ModuleInstallOnNode m : missing) {
      log.info("node {} no longer runs {} for {}; installing it again", m.nodeId(), m.install().module(),
          m.install().user());
      try {
        install(m.nodeId(), m.install()).whenComplete((ok, error) -> {
          if (error != null) {
            log.warn("reinstalling {} for {} on node {} failed: {}", m.install().module(), m.install().user(),
                m.nodeId(), error.getMessage());
          }
        });
      } catch (SteeringException e) {
        log.warn("cannot reinstall {} on node {}: {}", m.install().module(), m.nodeId(), e.getMessage());
      }
    }
  }

  private record ModuleInstallOnNode(String nodeId, ModuleInstall install) {}

  private void containerState(NodeConnection connection, ChannelMessage.ContainerState state) {
    String id = connection.nodeId();
    try {
      if (!state.ready()) {
        synchronized (lock) {
          Record record = nodes.get(id);
          if (record != null) {
            record.ready.remove(state.user());
          }
        }
        steering.setContainerReady(id, state.user(), false, state.reason());
        return;
      }
      int mark = steering.containerMark(id, state.user());
      if (mark != state.vlan()) {
        // A container from before this controller started, on a mark that is not its user's any more.
        log.info("node {} runs a container for {} on mark {}, where the user's mark is {}; removing its modules {}",
            id, state.user(), state.vlan(), mark, state.modules());
        for (String module : state.modules()) {
          connection.send(new ChannelMessage.Remove(requestIds.incrementAndGet(), state.user(), module));
        }
        return;
      }
      synchronized (lock) {
        Record record = nodes.get(id);
        if (record == null || record.connection != connection) {
          return;
        }
        record.ready.put(state.user(), state);
      }
      steering.setContainerReady(id, state.user(), true, state.reason());
    } catch (SteeringException e) {
      log.warn("node {}: container of {}: {}", id, state.user(), e.getMessage());
    }
  }

  // ---- NodeService ----

  private volatile java.net.InetSocketAddress channelAddress;

  void listeningOn(java.net.InetSocketAddress address) {
    channelAddress = address;
  }

  @Override
  public Optional<java.net.InetSocketAddress> channelAddress() {
    return Optional.ofNullable(channelAddress);
  }

  @Override
  public List<NodeStatus> nodes() {
    synchronized (lock) {
      List<NodeStatus> out = new ArrayList<>();
      nodes.forEach((id, r) -> out.add(status(id, r)));
      return out;
    }
  }

  @Override
  public Optional<NodeStatus> node(String nodeId) {
    synchronized (lock) {
      Record r = nodes.get(nodeId);
      return r == null ? Optional.empty() : Optional.of(status(nodeId, r));
    }
  }

  private NodeStatus status(String id, Record r) {
    Optional<NodeInfo> info = steering.node(id);
    boolean connected = r.connection != null;
    return new NodeStatus(id, r.spec.pool(), r.spec.attachment(), r.spec.mac().toString(),
        r.registration.interfaceName(), r.spec.weight(), r.registration.blocks(), r.address, connected,
        connected && info.map(NodeInfo::healthy).orElse(false),
        info.map(NodeInfo::status).orElse("not in steering"), Optional.ofNullable(r.lastHeartbeat),
        r.ready.keySet().stream().sorted().toList(), r.stats);
  }

  @Override
  public CompletableFuture<Void> install(String nodeId, ModuleInstall install) throws SteeringException {
    NodeConnection connection;
    int mark;
    synchronized (lock) {
      connection = connected(nodeId);
      mark = steering.containerMark(nodeId, install.user());
    }
    CompletableFuture<Void> done = command(nodeId, connection, id -> new ChannelMessage.Install(id, install.user(),
        mark, install.module(), install.url().toString(), install.sha256(), install.properties()));
    return done.thenRun(() -> {
      synchronized (lock) {
        Record r = nodes.get(nodeId);
        if (r != null) {
          r.installed.computeIfAbsent(install.user(), u -> new LinkedHashMap<>()).put(install.module(), install);
        }
      }
      log.info("node {} installed {} for {} (mark {})", nodeId, install.module(), install.user(), mark);
    });
  }

  @Override
  public CompletableFuture<Map<String, Optional<String>>> installOnPool(String pool, ModuleInstall install)
      throws SteeringException {
    List<String> targets;
    synchronized (lock) {
      targets = nodes.entrySet().stream().filter(e -> e.getValue().connection != null
          && e.getValue().spec.pool().equals(pool)).map(Map.Entry::getKey).toList();
    }
    if (targets.isEmpty()) {
      throw new SteeringException("pool '" + pool + "' has no connected node");
    }
    Map<String, Optional<String>> outcome = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (String id : targets) {
      CompletableFuture<Void> one;
      try {
        one = install(id, install);
      } catch (SteeringException e) {
        one = CompletableFuture.failedFuture(e);
      }
      all.add(one.handle((ok, error) -> {
        outcome.put(id, error == null ? Optional.empty() : Optional.of(rootMessage(error)));
        return null;
      }));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> new TreeMap<>(outcome));
  }

  @Override
  public CompletableFuture<Void> remove(String nodeId, String user, String module) throws SteeringException {
    NodeConnection connection;
    synchronized (lock) {
      connection = connected(nodeId);
    }
    return command(nodeId, connection, id -> new ChannelMessage.Remove(id, user, module)).thenRun(() -> {
      synchronized (lock) {
        Record r = nodes.get(nodeId);
        if (r != null && r.installed.containsKey(user)) {
          r.installed.get(user).remove(module);
          if (r.installed.get(user).isEmpty()) {
            r.installed.remove(user);
          }
        }
      }
      log.info("node {} removed {} for {}", nodeId, module, user);
    });
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

  private CompletableFuture<Void> command(String nodeId, NodeConnection connection,
      java.util.function.LongFunction<ChannelMessage> message) {
    long id = requestIds.incrementAndGet();
    CompletableFuture<Void> done = new CompletableFuture<>();
    pending.put(id, new Pending(nodeId, done));
    done.orTimeout(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS).whenComplete((ok, error) -> pending.remove(id));
    connection.send(message.apply(id));
    return done;
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
        || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
