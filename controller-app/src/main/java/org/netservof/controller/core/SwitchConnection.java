package org.netservof.controller.core;

import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.OFErrors;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchDisconnectedException;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.channel.ChannelAttributes;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.HandshakeResult;
import org.netservof.controller.channel.MalformedMessage;
import org.netservof.controller.channel.OFMessageBatch;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.RoleStatus;
import org.netservof.controller.channel.SwitchSession;
import org.netservof.protocol.log.LogBudget;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One active switch: its writes, its outstanding requests and their replies, the errors it returns, and
 * the dispatch of everything else to the listener chains.
 *
 * <p>All mutable state except the port map is touched only on the connection's event loop; public methods
 * hop onto it. Replies to our requests go to their futures and are not dispatched; asynchronous messages
 * (PacketIn, PortStatus, FlowRemoved, ...) and errors are dispatched.
 */
final class SwitchConnection implements OFSwitch, SwitchSession {
  private static final Logger log = LoggerFactory.getLogger(SwitchConnection.class);

  private final Channel channel;
  private final DatapathId id;
  private final OFFactory factory;
  private final OFFeaturesReply features;
  private final OFDescStatsReply description;
  private final ConnectionRole role;
  private final Duration handshakeDuration;
  private final Instant connectedSince;
  private final OpenFlowConfig config;
  private final SwitchManager manager;
  private final MessageDispatcher dispatcher;

  private final PortTable ports;
  private volatile boolean connected = true;
  /** False while another live connection claims the same DPID: what this one sends is dropped until then. */
  private volatile boolean admitted = true;

  /** Both event-loop confined. */
  private final InFlight inFlight;
  private final PacketInIntake packetIns;

  private final ConnectionCounters counters = new ConnectionCounters();
  private final LogBudget complaints = LogBudget.perPeer();

  SwitchConnection(Channel channel, HandshakeResult handshake, OpenFlowConfig config, FloodProtection limits,
      Instant connectedSince, SwitchManager manager, MessageDispatcher dispatcher, SwitchRole initialRole) {
    this.channel = channel;
    this.factory = handshake.factory();
    this.features = handshake.features();
    this.description = handshake.description();
    this.id = features.getDatapathId();
    this.role = new ConnectionRole(handshake.role(), initialRole);
    this.handshakeDuration = handshake.duration();
    this.connectedSince = connectedSince;
    this.config = config;
    this.manager = manager;
    this.dispatcher = dispatcher;
    this.ports = new PortTable(handshake.ports());
    this.inFlight = new InFlight(id, channel.eventLoop(), config.requestTimeout(), config.errorWindow(),
        limits.multipartMaxParts());
    this.packetIns = new PacketInIntake(new PacketInBudget(id, limits.packetInRate(), limits.packetInBurst(),
        ports::contains, dispatcher.overBudgetCounter()),
        pi -> dispatcher.dispatch(this, pi, new DispatchContext(pi, Optional.empty())),
        manager.metrics(), channel.eventLoop().ticker());
  }

  // ---- OFSwitch ----

  @Override
  public DatapathId id() {
    return id;
  }

  @Override
  public OFFactory factory() {
    return factory;
  }

  @Override
  public OFFeaturesReply features() {
    return features;
  }

  @Override
  public OFDescStatsReply description() {
    return description;
  }

  @Override
  public Collection<OFPortDesc> ports() {
    return ports.all();
  }

  @Override
  public Optional<OFPortDesc> port(OFPort number) {
    return ports.get(number);
  }

  @Override
  public SocketAddress remoteAddress() {
    return channel.remoteAddress();
  }

  @Override
  public Instant connectedSince() {
    return connectedSince;
  }

  @Override
  public Duration handshakeDuration() {
    return handshakeDuration;
  }

  @Override
  public Optional<OFControllerRole> role() {
    return role.openFlowRole();
  }

  /** This controller's role for the switch, as the arbiter decided it. */
  ConnectionRole roles() {
    return role;
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public void write(OFMessage message) {
    onLoop(() -> {
      if (mayWrite(message)) {
        remember(message);
        channel.writeAndFlush(message, channel.voidPromise());
      }
    });
  }

  @Override
  public void write(Collection<? extends OFMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    List<OFMessage> batch = List.copyOf(messages);
    onLoop(() -> {
      if (mayWrite(batch.get(0))) {
        batch.forEach(this::remember);
        channel.writeAndFlush(new OFMessageBatch(batch), channel.voidPromise());
      }
    });
  }

  @Override
  public <R extends OFMessage> CompletableFuture<R> request(OFRequest<R> request) {
    CompletableFuture<R> future = new CompletableFuture<>();
    onLoop(() -> send(request, new InFlight.PendingRequest(request, future, false)));
    return future;
  }

  @Override
  public <R extends OFStatsReply> CompletableFuture<List<R>> stats(OFStatsRequest<R> request) {
    CompletableFuture<List<R>> future = new CompletableFuture<>();
    onLoop(() -> send(request, new InFlight.PendingRequest(request, future, true)));
    return future;
  }

  @Override
  public CompletableFuture<Void> writeConfirmed(Collection<? extends OFMessage> messages) {
    List<OFMessage> batch = List.copyOf(messages);
    CompletableFuture<Void> future = new CompletableFuture<>();
    onLoop(() -> {
      if (!connected) {
        future.completeExceptionally(new SwitchDisconnectedException(id));
        return;
      }
      if (!batch.isEmpty() && !role.writes()) { // a barrier alone is a question, not a write
        future.completeExceptionally(new IllegalStateException(role.notMaster(id)));
        return;
      }
      InFlight.ConfirmedBatch confirmed = inFlight.track(batch);
      counters.messagesOut.add(batch.size());
      if (!batch.isEmpty()) {
        channel.write(new OFMessageBatch(batch), channel.voidPromise());
      }
      OFBarrierRequest barrier = factory.barrierRequest();
      CompletableFuture<OFBarrierReply> barrierReply = new CompletableFuture<>();
      send(barrier, new InFlight.PendingRequest(barrier, barrierReply, false));
      barrierReply.whenComplete((reply, failure) -> inFlight.finish(confirmed, failure, future));
    });
    return future;
  }

  @Override
  public void disconnect() {
    channel.close();
  }

  /** False while a live connection claims the same DPID: what this one sends is dropped until it is true. */
  void admitted(boolean believed) {
    admitted = believed;
  }

  // ---- SwitchSession: called on the event loop ----

  @Override
  public void received(OFMessage message) {
    counters.messagesIn.increment();
    if (!admitted) {
      return; // a claimant of a live switch's DPID: nothing it says is believed yet
    }
    if (message.getVersion() != factory.getVersion()) {
      complain("switch {} sent {} xid={} in {} on a {} connection; answering BAD_VERSION", id, message.getType(),
          message.getXid(), message.getVersion(), factory.getVersion());
      channel.writeAndFlush(factory.errorMsgs().buildBadRequestErrorMsg().setXid(message.getXid())
          .setCode(org.projectfloodlight.openflow.protocol.OFBadRequestCode.BAD_VERSION).build());
      return;
    }
    switch (message.getType()) {
      case ERROR -> onError((OFErrorMsg) message);
      case PORT_STATUS -> onPortStatus((OFPortStatus) message);
      case PACKET_IN -> packetIns.receive((OFPacketIn) message, role);
      case FLOW_REMOVED, EXPERIMENTER, ROLE_STATUS, TABLE_STATUS, REQUESTFORWARD, CONTROLLER_STATUS ->
          dispatchAsync(message);
      default -> {
        if (!inFlight.complete(message)) {
          dispatchAsync(message);
        }
      }
    }
  }

  @Override
  public void malformed(MalformedMessage message) {
    complain("switch {} sent a malformed message: {}; answering with an error", id, message);
    channel.writeAndFlush(message.errorReply(factory), channel.voidPromise());
  }

  @Override
  public void roleStatus(RoleStatus status) {
    manager.roleStatus(this, status);
  }

  @Override
  public void closed() {
    connected = false;
    inFlight.closed();
    manager.closed(this);
  }

  /** A warning about what the switch sent, within the connection's budget: a hostile one cannot fill the disk. */
  private void complain(String format, Object... args) {
    complaints.warn(log, format, args);
  }

  private void onError(OFErrorMsg error) {
    counters.errorsIn.increment();
    InFlight.ErrorCause answered = inFlight.error(error);
    if (!answered.claimed() && answered.cause().isPresent()) {
      OFMessage cause = answered.cause().get();
      complain("switch {} refused {} xid={}: {} ({})", id, cause.getType(), error.getXid(), OFErrors.describe(error),
          cause);
    } else if (!answered.claimed()) {
      complain("switch {} sent error {} for xid={}, which is not among the last {} messages written", id,
          OFErrors.describe(error), error.getXid(), config.errorWindow());
    }
    dispatcher.dispatch(this, error, new DispatchContext(error, answered.cause()));
  }

  /** The listeners were told of the switch: the PacketIns that came before go to them now. Event loop only. */
  void announced() {
    packetIns.release();
  }

  private void onPortStatus(OFPortStatus status) {
    OFPortDesc desc = status.getDesc();
    Optional<PortChange> applied = ports.apply(status);
    if (applied.isEmpty()) {
      complain("switch {} announced port {} beyond the {} ports a switch may have here; ignored", id,
          desc.getPortNo(), PortTable.MAX_PORTS);
      return;
    }
    PortChange change = applied.get();
    if (change == PortChange.REMOVED) {
      packetIns.forget(desc.getPortNo());
    }
    if (change == PortChange.OTHER_UPDATE) {
      log.debug("switch {} port {} ({}) {}", id, desc.getPortNo(), desc.getName(), change);
    } else if (complaints.spend() >= 0) { // a switch announcing ports without end shares the budget
      log.info("switch {} port {} ({}) {}", id, desc.getPortNo(), desc.getName(), change);
    }
    manager.portChanged(this, desc, change);
    dispatchAsync(status);
  }

  /** To the chain while this controller writes: a slave's listeners would answer with writes. */
  private void dispatchAsync(OFMessage message) {
    if (role.writes() || message.getType() == OFType.ROLE_STATUS) {
      dispatcher.dispatch(this, message, new DispatchContext(message, Optional.empty()));
    }
  }

  private void send(OFMessage message, InFlight.PendingRequest request) {
    if (!connected) {
      request.fail(new SwitchDisconnectedException(id));
    } else if (inFlight.expect(message, request)) {
      remember(message);
      channel.writeAndFlush(message, channel.voidPromise());
    }
  }

  private void remember(OFMessage message) {
    counters.messagesOut.increment();
    inFlight.remember(message);
  }

  /** Whether a write can go out: connected, and this controller writes to the switch; logged when not. */
  private boolean mayWrite(OFMessage first) {
    boolean writes = role.writes();
    if (!connected) {
      log.debug("switch {} is disconnected; dropped {} xid={}", id, first.getType(), first.getXid());
    } else if (!writes) {
      complain("{}; dropped {} xid={}", role.notMaster(id), first.getType(), first.getXid());
    }
    return connected && writes;
  }

  /** Runs the task on the connection's event loop: at once when called there. */
  void onLoop(Runnable task) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel.eventLoop().execute(task);
    }
  }

  /** Why the connection ended and what went in and out, for the one log line of a disconnect. */
  String disconnectSummary() {
    return ChannelAttributes.closeCause(channel) + " (" + counters.describe(packetIns.dropped()) + ")";
  }

  /** Whether the controller reads from the switch now (not while the switch has too much unread). */
  boolean reading() {
    return channel.config().isAutoRead();
  }

  /** Bytes written to the switch that it has not taken yet. */
  long queuedBytes() {
    io.netty.channel.ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
    return queued == null ? 0 : queued.totalPendingWriteBytes();
  }

  @Override
  public String toString() {
    return "switch " + id + " (" + factory.getVersion() + ", " + channel.remoteAddress() + ")";
  }
}
