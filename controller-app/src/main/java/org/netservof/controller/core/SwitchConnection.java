package org.netservof.controller.core;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.controller.api.OFErrorException;
import org.netservof.controller.api.OFErrors;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.Ports;
import org.netservof.controller.api.SwitchDisconnectedException;
import org.netservof.controller.channel.HandshakeResult;
import org.netservof.controller.channel.MalformedMessage;
import org.netservof.controller.channel.OFMessageBatch;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.SwitchSession;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
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
  private final EventLoop loop;
  private final DatapathId id;
  private final OFFactory factory;
  private final OFFeaturesReply features;
  private final OFDescStatsReply description;
  private final Optional<OFControllerRole> role;
  private final Duration handshakeDuration;
  private final Instant connectedSince;
  private final OpenFlowConfig config;
  private final SwitchManager manager;
  private final MessageDispatcher dispatcher;

  private volatile Map<OFPort, OFPortDesc> ports;
  private volatile boolean connected = true;

  // Event-loop confined.
  private final Map<Long, PendingRequest> pending = new HashMap<>();
  private final Map<Long, ConfirmedBatch> batches = new HashMap<>();
  private final Map<Long, OFMessage> recentWrites;

  private final LongAdder messagesIn = new LongAdder();
  private final LongAdder messagesOut = new LongAdder();
  private final LongAdder errorsIn = new LongAdder();

  SwitchConnection(Channel channel, HandshakeResult handshake, OpenFlowConfig config, Instant connectedSince,
      SwitchManager manager, MessageDispatcher dispatcher) {
    this.channel = channel;
    this.loop = channel.eventLoop();
    this.factory = handshake.factory();
    this.features = handshake.features();
    this.description = handshake.description();
    this.id = features.getDatapathId();
    this.role = handshake.role();
    this.handshakeDuration = handshake.duration();
    this.connectedSince = connectedSince;
    this.config = config;
    this.manager = manager;
    this.dispatcher = dispatcher;
    Map<OFPort, OFPortDesc> initial = new LinkedHashMap<>();
    handshake.ports().forEach(p -> initial.put(p.getPortNo(), p));
    this.ports = Map.copyOf(initial);
    int window = config.errorWindow();
    this.recentWrites = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, OFMessage> eldest) {
        return size() > window;
      }
    };
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
    return ports.values();
  }

  @Override
  public Optional<OFPortDesc> port(OFPort number) {
    return Optional.ofNullable(ports.get(number));
  }

  @Override
  public boolean isPortUp(OFPort number) {
    OFPortDesc port = ports.get(number);
    return port != null && Ports.isUp(port);
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
    return role;
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public void write(OFMessage message) {
    onLoop(() -> {
      if (checkConnected(message)) {
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
      if (checkConnected(batch.get(0))) {
        batch.forEach(this::remember);
        channel.writeAndFlush(new OFMessageBatch(batch), channel.voidPromise());
      }
    });
  }

  @Override
  public <R extends OFMessage> CompletableFuture<R> request(OFRequest<R> request) {
    CompletableFuture<R> future = new CompletableFuture<>();
    onLoop(() -> send(request, new PendingRequest(request, future, false)));
    return future;
  }

  @Override
  public <R extends OFStatsReply> CompletableFuture<List<R>> stats(OFStatsRequest<R> request) {
    CompletableFuture<List<R>> future = new CompletableFuture<>();
    onLoop(() -> send(request, new PendingRequest(request, future, true)));
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
      ConfirmedBatch confirmed = new ConfirmedBatch(batch);
      for (OFMessage m : batch) {
        batches.put(m.getXid(), confirmed);
        remember(m);
      }
      if (!batch.isEmpty()) {
        channel.write(new OFMessageBatch(batch), channel.voidPromise());
      }
      OFBarrierRequest barrier = factory.barrierRequest();
      CompletableFuture<OFBarrierReply> barrierReply = new CompletableFuture<>();
      send(barrier, new PendingRequest(barrier, barrierReply, false));
      barrierReply.whenComplete((reply, failure) -> {
        batch.forEach(m -> batches.remove(m.getXid()));
        if (failure != null) {
          future.completeExceptionally(failure);
        } else if (!confirmed.errors.isEmpty()) {
          future.completeExceptionally(new OFErrorException(id, confirmed.errors));
        } else {
          future.complete(null);
        }
      });
    });
    return future;
  }

  @Override
  public void disconnect() {
    channel.close();
  }

  // ---- SwitchSession: called on the event loop ----

  @Override
  public void received(OFMessage message) {
    messagesIn.increment();
    if (message.getVersion() != factory.getVersion()) {
      log.warn("switch {} sent {} xid={} in {} on a {} connection; answering BAD_VERSION", id, message.getType(),
          message.getXid(), message.getVersion(), factory.getVersion());
      channel.writeAndFlush(factory.errorMsgs().buildBadRequestErrorMsg().setXid(message.getXid())
          .setCode(org.projectfloodlight.openflow.protocol.OFBadRequestCode.BAD_VERSION).build());
      return;
    }
    switch (message.getType()) {
      case ERROR -> onError((OFErrorMsg) message);
      case PORT_STATUS -> onPortStatus((OFPortStatus) message);
      case PACKET_IN, FLOW_REMOVED, EXPERIMENTER, ROLE_STATUS, TABLE_STATUS, REQUESTFORWARD, CONTROLLER_STATUS ->
          dispatcher.dispatch(this, message, new DispatchContext(message, Optional.empty()));
      default -> {
        if (!completePending(message)) {
          dispatcher.dispatch(this, message, new DispatchContext(message, Optional.empty()));
        }
      }
    }
  }

  @Override
  public void malformed(MalformedMessage message) {
    log.warn("switch {} sent a malformed message: {}; answering with an error", id, message);
    channel.writeAndFlush(message.errorReply(factory), channel.voidPromise());
  }

  @Override
  public void closed() {
    connected = false;
    SwitchDisconnectedException gone = new SwitchDisconnectedException(id);
    List<PendingRequest> open = new ArrayList<>(pending.values());
    pending.clear();
    open.forEach(p -> p.fail(gone));
    batches.clear();
    manager.closed(this);
  }

  // ---- internals ----

  private void onError(OFErrorMsg error) {
    errorsIn.increment();
    long xid = error.getXid();
    PendingRequest request = pending.remove(xid);
    ConfirmedBatch batch = batches.get(xid);
    OFMessage cause = request != null ? request.request : recentWrites.get(xid);
    if (request != null) {
      request.fail(new OFErrorException(id, List.of(Map.entry(request.request, error))));
    } else if (batch != null) {
      batch.errors.add(Map.entry(cause != null ? cause : error, error));
    }
    if (request == null && batch == null) {
      if (cause != null) {
        log.warn("switch {} refused {} xid={}: {} ({})", id, cause.getType(), xid, OFErrors.describe(error), cause);
      } else {
        log.warn("switch {} sent error {} for xid={}, which is not among the last {} messages written", id,
            OFErrors.describe(error), xid, config.errorWindow());
      }
    }
    dispatcher.dispatch(this, error, new DispatchContext(error, Optional.ofNullable(cause)));
  }

  private void onPortStatus(OFPortStatus status) {
    OFPortDesc desc = status.getDesc();
    Optional<OFPortDesc> before = Optional.ofNullable(ports.get(desc.getPortNo()));
    PortChange change = PortStates.change(status.getReason(), before, desc);
    Map<OFPort, OFPortDesc> next = new LinkedHashMap<>(ports);
    if (change == PortChange.REMOVED) {
      next.remove(desc.getPortNo());
    } else {
      next.put(desc.getPortNo(), desc);
    }
    ports = Map.copyOf(next);
    if (change == PortChange.OTHER_UPDATE) {
      log.debug("switch {} port {} ({}) {}", id, desc.getPortNo(), desc.getName(), change);
    } else {
      log.info("switch {} port {} ({}) {}", id, desc.getPortNo(), desc.getName(), change);
    }
    manager.portChanged(this, desc, change);
    dispatcher.dispatch(this, status, new DispatchContext(status, Optional.empty()));
  }

  private boolean completePending(OFMessage reply) {
    PendingRequest request = pending.get(reply.getXid());
    if (request == null) {
      return false;
    }
    if (request.multipart) {
      if (!(reply instanceof OFStatsReply part)) {
        return false;
      }
      request.parts.add(part);
      if (part.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
        return true;
      }
      pending.remove(reply.getXid());
      request.complete(List.copyOf(request.parts));
    } else {
      pending.remove(reply.getXid());
      request.complete(reply);
    }
    return true;
  }

  private void send(OFMessage message, PendingRequest request) {
    if (!connected) {
      request.fail(new SwitchDisconnectedException(id));
      return;
    }
    long xid = message.getXid();
    if (pending.containsKey(xid)) {
      request.fail(new IllegalArgumentException("xid " + xid + " is already waiting for a reply on switch " + id));
      return;
    }
    pending.put(xid, request);
    long timeoutMs = config.requestTimeout().toMillis();
    loop.schedule(() -> {
      if (pending.remove(xid, request)) {
        request.fail(new TimeoutException("switch " + id + " did not answer " + message.getType() + " xid=" + xid
            + " within " + timeoutMs + " ms"));
      }
    }, timeoutMs, TimeUnit.MILLISECONDS);
    remember(message);
    channel.writeAndFlush(message, channel.voidPromise());
  }

  private void remember(OFMessage message) {
    messagesOut.increment();
    if (config.errorWindow() > 0) {
      recentWrites.put(message.getXid(), message);
    }
  }

  private boolean checkConnected(OFMessage first) {
    if (!connected) {
      log.debug("switch {} is disconnected; dropped {} xid={}", id, first.getType(), first.getXid());
    }
    return connected;
  }

  private void onLoop(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  long messagesIn() {
    return messagesIn.sum();
  }

  long messagesOut() {
    return messagesOut.sum();
  }

  long errorsIn() {
    return errorsIn.sum();
  }

  @Override
  public String toString() {
    return "switch " + id + " (" + factory.getVersion() + ", " + channel.remoteAddress() + ")";
  }

  /** A request waiting for its reply; for multipart requests, the parts so far. */
  private static final class PendingRequest {
    final OFMessage request;
    final CompletableFuture<?> future;
    final boolean multipart;
    final List<OFStatsReply> parts = new ArrayList<>();

    PendingRequest(OFMessage request, CompletableFuture<?> future, boolean multipart) {
      this.request = request;
      this.future = future;
      this.multipart = multipart;
    }

    @SuppressWarnings("unchecked")
    void complete(Object value) {
      ((CompletableFuture<Object>) future).complete(value);
    }

    void fail(Throwable cause) {
      future.completeExceptionally(cause);
    }
  }

  /** A batch written with {@link #writeConfirmed}: the errors its messages drew before the barrier reply. */
  private static final class ConfirmedBatch {
    final List<OFMessage> messages;
    final List<Map.Entry<OFMessage, OFErrorMsg>> errors = new ArrayList<>();

    ConfirmedBatch(List<OFMessage> messages) {
      this.messages = messages;
    }
  }
}
