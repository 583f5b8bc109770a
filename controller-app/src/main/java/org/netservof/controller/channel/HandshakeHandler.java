package org.netservof.controller.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.netservof.controller.api.OFErrors;
import org.netservof.policy.openflow.CoreEntries;
import org.netservof.protocol.log.LogBudget;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFRoleReply;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenFlow handshake, with its own timeout:
 * HELLO (version negotiation) - FEATURES - port description (1.3+) - description - SET_CONFIG miss_send_len, the
 * table-miss entry and, on 1.3+, the role request - BARRIER. When the barrier reply confirms all of it, the
 * switch is handed to the {@link SwitchActivator} and this handler replaces itself with the session handler.
 * Messages the switch sends meanwhile that are not part of the handshake are kept and replayed, in order,
 * to the session.
 */
public final class HandshakeHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);
  private static final int MAX_BUFFERED = 1024;

  private enum State { WAIT_HELLO, WAIT_FEATURES, WAIT_PORT_DESC, WAIT_DESC, WAIT_BARRIER, DONE, FAILED }

  private final VersionNegotiation negotiation;
  private final OpenFlowConfig config;
  private final LongSupplier generationIds;
  private final SwitchActivator activator;
  private final SwitchAdmission admission;

  /** A peer sending garbage or stray errors throughout its handshake is logged within a budget, not per frame. */
  private final LogBudget complaints = LogBudget.perPeer();
  private State state = State.WAIT_HELLO;
  private long startNanos;
  private ScheduledFuture<?> timeout;
  private OFFactory factory;
  private OFFeaturesReply features;
  private final List<OFPortDesc> ports = new ArrayList<>();
  private final List<Object> buffered = new ArrayList<>();
  private int dropped;
  private long featuresXid;
  private long portDescXid;
  private long descXid;
  private OFDescStatsReply description;
  private long setConfigXid;
  private long tableMissXid = -1;
  private long roleXid = -1;
  private long barrierXid;
  private Optional<OFControllerRole> grantedRole = Optional.empty();

  /**
   * @param generationIds the generation id of each MASTER role request; must increase across requests and
   *     controller restarts
   */
  public HandshakeHandler(OpenFlowConfig config, LongSupplier generationIds, SwitchActivator activator) {
    this(config, generationIds, activator, SwitchAdmission.open());
  }

  /** @param admission who may be a switch: checked on FEATURES_REPLY, before anything else is sent */
  public HandshakeHandler(OpenFlowConfig config, LongSupplier generationIds, SwitchActivator activator,
      SwitchAdmission admission) {
    this.admission = admission;
    this.config = config;
    this.negotiation = new VersionNegotiation(config.ofVersions());
    this.generationIds = generationIds;
    this.activator = activator;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    startNanos = ctx.executor().ticker().nanoTime();
    long timeoutMs = config.handshakeTimeout().toMillis();
    timeout = ctx.executor().schedule(() -> fail(ctx, "no handshake within " + timeoutMs + " ms (stuck in "
        + state + ")"), timeoutMs, TimeUnit.MILLISECONDS);
    ctx.writeAndFlush(negotiation.hello());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (state != State.DONE && state != State.FAILED) {
      log.info("switch {} closed the connection during the handshake ({}): {}",
          ChannelAttributes.describe(ctx.channel()), state, ChannelAttributes.closeCause(ctx.channel()));
      cancelTimeout();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof MalformedMessage bad) {
      OFFactory replyFactory = factory != null ? factory : OFFactories.getFactory(negotiation.offered().get(0));
      complaints.warn(log, "switch {} sent a malformed message during the handshake: {}",
          ChannelAttributes.describe(ctx.channel()), bad);
      ctx.writeAndFlush(bad.errorReply(replyFactory));
      return;
    }
    OFMessage m = (OFMessage) msg;
    switch (state) {
      case WAIT_HELLO -> onHello(ctx, m);
      case WAIT_FEATURES -> onFeatures(ctx, m);
      case WAIT_PORT_DESC -> onPortDesc(ctx, m);
      case WAIT_DESC -> onDesc(ctx, m);
      case WAIT_BARRIER -> onBarrier(ctx, m);
      case DONE -> ctx.fireChannelRead(m);
      case FAILED -> { }
    }
  }

  private void onHello(ChannelHandlerContext ctx, OFMessage m) {
    if (!(m instanceof OFHello hello)) {
      fail(ctx, "first message was " + m.getType() + ", not HELLO");
      return;
    }
    Optional<OFVersion> version = negotiation.negotiate(hello);
    if (version.isEmpty()) {
      OFFactory theirs = OFFactories.getFactory(hello.getVersion());
      ctx.writeAndFlush(theirs.errorMsgs().buildHelloFailedErrorMsg()
          .setCode(OFHelloFailedCode.INCOMPATIBLE)
          .setData(org.projectfloodlight.openflow.types.OFErrorCauseData.of(
              ("we speak " + negotiation.offered()).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              hello.getVersion()))
          .build());
      fail(ctx, "no common OpenFlow version: switch offers " + hello + ", we offer " + negotiation.offered());
      return;
    }
    factory = OFFactories.getFactory(version.get());
    ctx.channel().attr(ChannelAttributes.FACTORY).set(factory);
    featuresXid = ask(ctx, factory.buildFeaturesRequest().build(), State.WAIT_FEATURES);
  }

  private void onFeatures(ChannelHandlerContext ctx, OFMessage m) {
    Optional<OFFeaturesReply> awaited = awaited(ctx, m, featuresXid, OFFeaturesReply.class, "FEATURES_REQUEST");
    if (awaited.isEmpty()) {
      return;
    }
    OFFeaturesReply reply = awaited.get();
    features = reply;
    ctx.channel().attr(ChannelAttributes.DPID).set(reply.getDatapathId());
    Optional<String> refusal = admission.refusal(ctx.channel(), reply.getDatapathId());
    if (refusal.isPresent()) {
      cancelTimeout();
      state = State.FAILED;
      admission.refuse(ctx.channel(), Optional.of(reply.getDatapathId()), refusal.get());
      return;
    }
    if (factory.getVersion() == OFVersion.OF_10) {
      ports.addAll(reply.getPorts());
      askDescription(ctx);
      return;
    }
    portDescXid = ask(ctx, factory.buildPortDescStatsRequest().build(), State.WAIT_PORT_DESC);
  }

  private void onPortDesc(ChannelHandlerContext ctx, OFMessage m) {
    awaited(ctx, m, portDescXid, OFPortDescStatsReply.class, "the port description request").ifPresent(reply -> {
      ports.addAll(reply.getEntries());
      if (!reply.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
        askDescription(ctx);
      }
    });
  }

  private void askDescription(ChannelHandlerContext ctx) {
    descXid = ask(ctx, factory.buildDescStatsRequest().build(), State.WAIT_DESC);
  }

  /** Sends the request of the next step; returns its xid, which the step's reply carries. */
  private long ask(ChannelHandlerContext ctx, OFMessage request, State next) {
    state = next;
    ctx.writeAndFlush(request);
    return request.getXid();
  }

  private void onDesc(ChannelHandlerContext ctx, OFMessage m) {
    awaited(ctx, m, descXid, OFDescStatsReply.class, "the description request").ifPresent(reply -> {
      description = reply;
      configure(ctx);
    });
  }

  /**
   * The reply a step of the handshake waits for. An error answering its request fails the handshake; any
   * other message is kept for the session.
   */
  private <R extends OFMessage> Optional<R> awaited(ChannelHandlerContext ctx, OFMessage m, long xid, Class<R> kind,
      String request) {
    if (m instanceof OFErrorMsg error && error.getXid() == xid) {
      fail(ctx, "switch refused " + request + ": " + OFErrors.describe(error));
      return Optional.empty();
    }
    if (!kind.isInstance(m) || m.getXid() != xid) {
      keep(ctx, m);
      return Optional.empty();
    }
    return Optional.of(kind.cast(m));
  }

  private void configure(ChannelHandlerContext ctx) {
    OFSetConfig setConfig = factory.buildSetConfig().setMissSendLen(config.missSendLen()).build();
    setConfigXid = setConfig.getXid();
    ctx.write(setConfig);
    // A switch whose master is elected gets no write from a member that has not won: its table-miss entry
    // and role request go out once the election is decided.
    if (!activator.elects(factory.getVersion())) {
      OFFlowAdd tableMiss = CoreEntries.tableMiss(factory);
      tableMissXid = tableMiss.getXid();
      ctx.write(tableMiss);
      askRole(ctx);
    }
    OFBarrierRequest barrier = factory.barrierRequest();
    barrierXid = barrier.getXid();
    state = State.WAIT_BARRIER;
    ctx.writeAndFlush(barrier);
  }

  private void askRole(ChannelHandlerContext ctx) {
    Optional<OFControllerRole> role = config.controllerRole();
    if (role.isPresent() && factory.getVersion().compareTo(OFVersion.OF_12) >= 0) {
      long generation = role.get() == OFControllerRole.ROLE_MASTER ? generationIds.getAsLong() : 0;
      OFRoleRequest request = factory.buildRoleRequest().setRole(role.get())
          .setGenerationId(U64.of(generation)).build();
      roleXid = request.getXid();
      ctx.write(request);
    }
  }

  private void onBarrier(ChannelHandlerContext ctx, OFMessage m) {
    if (m instanceof OFErrorMsg error) {
      if (error.getXid() == tableMissXid) {
        fail(ctx, "switch refused the table-miss entry: " + OFErrors.describe(error));
      } else if (error.getXid() == setConfigXid) {
        fail(ctx, "switch refused SET_CONFIG: " + OFErrors.describe(error));
      } else if (error.getXid() == roleXid) {
        log.warn("switch {} refused the role request ({}); continuing without a role",
            ChannelAttributes.describe(ctx.channel()), OFErrors.describe(error));
      } else {
        keep(ctx, m);
      }
      return;
    }
    if (m instanceof OFRoleReply reply && reply.getXid() == roleXid) {
      grantedRole = Optional.of(reply.getRole());
      return;
    }
    if (m instanceof OFBarrierReply reply && reply.getXid() == barrierXid) {
      activate(ctx);
      return;
    }
    keep(ctx, m);
  }

  private void activate(ChannelHandlerContext ctx) {
    cancelTimeout();
    state = State.DONE;
    Duration took = Duration.ofNanos(ctx.executor().ticker().nanoTime() - startNanos);
    if (dropped > 0) {
      log.warn("switch {} sent {} messages during the handshake beyond the {} kept; they were dropped",
          features.getDatapathId(), dropped, MAX_BUFFERED);
    }
    HandshakeResult result = new HandshakeResult(factory, features, description, ports, grantedRole, took, buffered);
    SwitchSession session = activator.activate(ctx.channel(), result);
    ctx.pipeline().replace(this, "session", new SwitchChannelHandler(session, result.buffered()));
  }

  private void keep(ChannelHandlerContext ctx, OFMessage m) {
    if (m instanceof OFErrorMsg error) {
      complaints.warn(log, "switch {} sent an error for a message we did not send during the handshake: {}",
          ChannelAttributes.describe(ctx.channel()), OFErrors.describe(error));
    }
    if (buffered.size() < MAX_BUFFERED) {
      buffered.add(m);
    } else {
      dropped++;
    }
  }

  private void fail(ChannelHandlerContext ctx, String reason) {
    if (state == State.DONE || state == State.FAILED) {
      return;
    }
    log.warn("switch {} handshake failed: {}", ChannelAttributes.describe(ctx.channel()), reason);
    cancelTimeout();
    state = State.FAILED;
    ctx.close();
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }
}
