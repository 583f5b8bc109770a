package org.netservof.bench.emulator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.channel.MalformedMessage;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;

/**
 * One connection of an emulated switch: it answers the controller's handshake, and once the handshake
 * settles (see {@link #channelRead}; at once after FEATURES for an eager connection, see
 * {@link ConnectionRole}) sends PacketIns, a window of them at a time (throughput) or one at a time
 * (latency). State that outlives the connection is in the {@link SwitchSlot}; all of it lives on the
 * channel's event loop.
 */
final class EmulatedSwitch extends ChannelInboundHandlerAdapter {
  /** Silence after FEATURES that counts as a settled handshake, for controllers that send no barrier. */
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  /**
   * PacketIns unanswered this long are given up on and the window refilled. A controller may drop some
   * PacketIns on purpose (NetServ-OF drops frames from ports still in quarantine); without this, a full
   * window of dropped PacketIns would stop the switch for good, as it does cbench.
   */
  static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  /** An eager connection not answered yet sends anew this often: the first answer's time is this fine. */
  static final long EAGER_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long STALL_CHECK_MS = 10;

  private final EmulatorConfig config;
  private final SwitchSlot slot;
  private final SwitchCounters counters;
  private final RunState run;
  private final OFFactory factory;
  private final ConnectionRole role;
  private final ConnectionTimes times;
  private final EmulatorMode mode;

  private boolean featuresAnswered;
  private boolean ready;
  private boolean answeredOnce;
  private ScheduledFuture<?> quietTimer;
  private ScheduledFuture<?> stallCheck;
  private int outstanding;
  private long lastProgressNanos;
  /** Latency mode: the sequence of the PacketIn in flight, or -1. */
  private long probeSeq = -1;

  EmulatedSwitch(EmulatorConfig config, SwitchSlot slot, RunState run, ConnectionRole role, ConnectionTimes times) {
    this.config = config;
    this.slot = slot;
    this.counters = slot.counters;
    this.run = run;
    this.factory = slot.replies.factory();
    this.role = role;
    this.times = times;
    this.mode = role == ConnectionRole.PROBE ? EmulatorMode.LATENCY : config.mode();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(factory.buildHello().build());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!ready && role == ConnectionRole.FIRST) {
      run.switchFailed();
    }
    times.closed();
    cancel(quietTimer);
    cancel(stallCheck);
    ctx.fireChannelInactive();
  }

  /**
   * The handshake has settled once FEATURES was answered and then either a BARRIER_REQUEST came (a
   * controller's way of closing its handshake, NetServ-OF's among them) or the controller went quiet for
   * {@link #QUIET_NANOS}.
   */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof MalformedMessage bad) {
      unreadable(ctx, bad);
      return;
    }
    OFMessage m = (OFMessage) msg;
    if (m instanceof OFHello && m.getVersion().compareTo(factory.getVersion()) < 0) {
      // The controller would settle on its lower version, which this switch was not asked to speak.
      counters.errors.incrementAndGet();
      ctx.close();
      return;
    }
    Optional<OFMessage> answer = slot.replies.answer(m);
    answer.ifPresent(ctx::write);
    if (answer.isPresent() && answer.get() instanceof OFErrorMsg) {
      counters.refused.incrementAndGet();
    }
    count(ctx, m);
    if (!ready) {
      followHandshake(ctx, m);
    }
  }

  /** Counts what the controller sent; its adding FLOW_MODs and PACKET_OUTs (but LLDP) answer our PacketIns. */
  private void count(ChannelHandlerContext ctx, OFMessage m) {
    if (m instanceof OFFlowMod) {
      counters.flowMods.incrementAndGet();
    } else if (m instanceof OFPacketOut) {
      counters.packetOuts.incrementAndGet();
    } else if (m instanceof OFErrorMsg) {
      counters.errors.incrementAndGet();
    }
    if (ready && Answers.isResponse(m)) {
      onResponse(ctx, Answers.answered(m, slot.source));
    }
  }

  /**
   * A FLOW_MOD the decoder could not read (see {@link Answers#isResponse(MalformedMessage)}) is taken as a
   * switch would; anything else unreadable is an error, answered as a switch would.
   */
  private void unreadable(ChannelHandlerContext ctx, MalformedMessage bad) {
    if (Answers.isResponse(bad)) {
      counters.flowMods.incrementAndGet();
      if (ready) {
        onResponse(ctx, Answers.answered(bad, slot.source));
      }
      return;
    }
    counters.errors.incrementAndGet();
    ctx.write(bad.errorReply(factory));
  }

  /**
   * Ready on a BARRIER_REQUEST after FEATURES, or once the controller has been quiet since FEATURES; an
   * eager connection is ready as soon as it answered FEATURES.
   */
  private void followHandshake(ChannelHandlerContext ctx, OFMessage m) {
    if (m instanceof OFFeaturesRequest) {
      featuresAnswered = true;
      times.features(System.nanoTime());
      if (role.eager()) {
        becomeReady(ctx);
        return;
      }
    }
    if (featuresAnswered && m instanceof OFBarrierRequest) {
      becomeReady(ctx);
    } else if (featuresAnswered) {
      cancel(quietTimer);
      quietTimer = ctx.executor().schedule(() -> {
        becomeReady(ctx);
        ctx.flush();
      }, QUIET_NANOS, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // One flush per read burst: the window refills in batches, as cbench's does.
    if (ready && mode == EmulatorMode.THROUGHPUT) {
      fill(ctx);
    }
    ctx.flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ready && mode == EmulatorMode.THROUGHPUT && ctx.channel().isWritable()) {
      fill(ctx);
      ctx.flush();
    }
    ctx.fireChannelWritabilityChanged();
  }

  private void becomeReady(ChannelHandlerContext ctx) {
    if (ready) {
      return;
    }
    ready = true;
    cancel(quietTimer);
    if (role == ConnectionRole.FIRST) {
      run.switchReady();
    }
    lastProgressNanos = System.nanoTime();
    stallCheck = ctx.executor().scheduleAtFixedRate(() -> checkStall(ctx), STALL_CHECK_MS, STALL_CHECK_MS,
        TimeUnit.MILLISECONDS);
    for (PacketInFrame frame : slot.source.preamble()) {
      ctx.write(slot.packetIns.build(frame));
    }
    startTraffic(ctx);
  }

  private void startTraffic(ChannelHandlerContext ctx) {
    if (run.stopping() && role != ConnectionRole.PROBE) {
      return;
    }
    if (mode == EmulatorMode.THROUGHPUT) {
      fill(ctx);
    } else {
      probeSeq = sendPacketIn(ctx);
    }
  }

  /**
   * Throughput mode counts every response, each freeing one slot of the window, whatever PacketIn it
   * answers (cbench's one counter per switch, no xid matching). Latency mode takes the answer that names the
   * PacketIn in flight (see {@link Answers#answered}): a PACKET_OUT of another frame, or a FLOW_MOD for
   * another source, is not its answer. Both count each PacketIn answered once, however many messages answer it.
   */
  private void onResponse(ChannelHandlerContext ctx, OptionalLong answered) {
    long now = System.nanoTime();
    OptionalLong seq = answered;
    if (seq.isEmpty() && mode == EmulatorMode.LATENCY && probeSeq >= 0) {
      seq = OptionalLong.of(probeSeq); // it names no frame; in lock step it can only answer the one in flight
    }
    long sentNanos = seq.isPresent() ? slot.ledger.answer(seq.getAsLong()) : -1;
    if (mode == EmulatorMode.THROUGHPUT) {
      // The response before the answer it holds, and readers take answers before responses (Totals.of), so a
      // reading between the two never counts more PacketIns answered than responses (CI: 2,960 of 2,959).
      counters.responses.incrementAndGet();
      outstanding = Math.max(0, outstanding - 1);
      lastProgressNanos = now;
    }
    if (sentNanos >= 0) {
      counters.answered.incrementAndGet();
      firstAnswer(now);
      leaveIfProbe(ctx);
    }
    if (mode != EmulatorMode.THROUGHPUT && sentNanos >= 0 && seq.getAsLong() == probeSeq) {
      counters.responses.incrementAndGet();
      if (run.measuring() && role != ConnectionRole.PROBE) {
        slot.latencies.add(now - sentNanos);
      }
      lastProgressNanos = now;
      probeSeq = -1;
      if (!run.stopping() && role != ConnectionRole.PROBE) {
        startTraffic(ctx);
        ctx.flush();
      }
    }
  }

  private void firstAnswer(long now) {
    if (answeredOnce) {
      return;
    }
    answeredOnce = true;
    times.answered(now);
    if (role == ConnectionRole.RECONNECT) {
      slot.reconnects.add(times.toAnswerNanos());
    }
  }

  /** A probe has its figure at its first answer, and leaves. */
  private void leaveIfProbe(ChannelHandlerContext ctx) {
    if (role == ConnectionRole.PROBE && answeredOnce) {
      ctx.close();
    }
  }

  private void fill(ChannelHandlerContext ctx) {
    while (outstanding < config.window() && ctx.channel().isWritable() && !run.stopping()) {
      sendPacketIn(ctx);
      outstanding++;
    }
  }

  /** Sends the next frame; returns its sequence. */
  private long sendPacketIn(ChannelHandlerContext ctx) {
    PacketInFrame frame = slot.source.next();
    ctx.write(slot.packetIns.build(frame));
    slot.ledger.sent(frame.sequence(), System.nanoTime());
    counters.packetIns.incrementAndGet();
    return frame.sequence();
  }

  /**
   * Gives up on PacketIns nothing answered for {@link #STALL_NANOS} ({@link #EAGER_RETRY_NANOS} while an
   * eager connection waits for its first answer) and sends new ones in their place.
   */
  private void checkStall(ChannelHandlerContext ctx) {
    long now = System.nanoTime();
    long patience = role.eager() && !answeredOnce ? EAGER_RETRY_NANOS : STALL_NANOS;
    if ((run.stopping() && role != ConnectionRole.PROBE) || now - lastProgressNanos < patience) {
      return;
    }
    if (mode == EmulatorMode.THROUGHPUT) {
      counters.lost.addAndGet(outstanding);
      outstanding = 0;
    } else if (probeSeq >= 0) {
      counters.lost.incrementAndGet();
      probeSeq = -1;
    }
    lastProgressNanos = now;
    startTraffic(ctx);
    ctx.flush();
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
