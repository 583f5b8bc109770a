package org.netservof.bench.emulator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.netservof.controller.channel.MalformedMessage;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;

/**
 * One emulated switch on one connection: it answers the controller's handshake, and once the handshake
 * settles (see {@link #channelRead}) sends PacketIns, a window of them at a time (throughput) or one at a
 * time (latency). All state lives on the channel's event loop.
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
  private static final long STALL_CHECK_MS = 50;
  private static final int LLDP = 0x88cc;

  private final EmulatorConfig config;
  private final SwitchReplies replies;
  private final PacketInFrames frames;
  private final SwitchCounters counters;
  private final LatencySamples latencies;
  private final RunState run;
  private final OFFactory factory;
  private final List<Match> inPortMatches;

  private boolean featuresAnswered;
  private boolean ready;
  private ScheduledFuture<?> quietTimer;
  private ScheduledFuture<?> stallCheck;
  private int outstanding;
  private long lastProgressNanos;
  /** Latency mode: the PacketIn in flight, if any, and when it left. */
  private MacAddress probeSrc;
  private long probeSentNanos;

  EmulatedSwitch(EmulatorConfig config, int switchIndex, SwitchCounters counters, LatencySamples latencies,
      RunState run) {
    this.config = config;
    this.replies = new SwitchReplies(config.version(), switchIndex);
    this.frames = new PacketInFrames(switchIndex, config.macs());
    this.counters = counters;
    this.latencies = latencies;
    this.run = run;
    this.factory = replies.factory();
    this.inPortMatches = IntStream.rangeClosed(1, PacketInFrames.PORTS)
        .mapToObj(p -> factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(p)).build()).toList();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(factory.buildHello().build());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!ready) {
      run.switchFailed();
    }
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
      counters.errors.incrementAndGet();
      ctx.write(bad.errorReply(factory));
      return;
    }
    OFMessage m = (OFMessage) msg;
    if (m instanceof OFHello && m.getVersion().compareTo(factory.getVersion()) < 0) {
      // The controller would settle on its lower version, which this switch was not asked to speak.
      counters.errors.incrementAndGet();
      ctx.close();
      return;
    }
    Optional<OFMessage> answer = replies.answer(m);
    answer.ifPresent(ctx::write);
    if (answer.isPresent() && answer.get() instanceof OFErrorMsg) {
      counters.refused.incrementAndGet();
    }
    count(ctx, m);
    if (!ready) {
      followHandshake(ctx, m);
    }
  }

  /** Counts what the controller sent; its FLOW_MODs and PACKET_OUTs (but LLDP) answer our PacketIns. */
  private void count(ChannelHandlerContext ctx, OFMessage m) {
    if (m instanceof OFFlowMod) {
      counters.flowMods.incrementAndGet();
      onResponse(ctx, m);
    } else if (m instanceof OFPacketOut out) {
      counters.packetOuts.incrementAndGet();
      if (!isLldp(out.getData())) { // the controller's link discovery, not an answer
        onResponse(ctx, m);
      }
    } else if (m instanceof OFErrorMsg) {
      counters.errors.incrementAndGet();
    }
  }

  /** Ready on a BARRIER_REQUEST after FEATURES, or once the controller has been quiet since FEATURES. */
  private void followHandshake(ChannelHandlerContext ctx, OFMessage m) {
    if (m instanceof OFFeaturesRequest) {
      featuresAnswered = true;
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
    if (ready && config.mode() == EmulatorMode.THROUGHPUT) {
      fill(ctx);
    }
    ctx.flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ready && config.mode() == EmulatorMode.THROUGHPUT && ctx.channel().isWritable()) {
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
    run.switchReady();
    lastProgressNanos = System.nanoTime();
    stallCheck = ctx.executor().scheduleAtFixedRate(() -> checkStall(ctx), STALL_CHECK_MS, STALL_CHECK_MS,
        TimeUnit.MILLISECONDS);
    startTraffic(ctx);
  }

  private void startTraffic(ChannelHandlerContext ctx) {
    if (run.stopping()) {
      return;
    }
    if (config.mode() == EmulatorMode.THROUGHPUT) {
      fill(ctx);
    } else {
      sendProbe(ctx);
    }
  }

  /**
   * Throughput mode counts every FLOW_MOD and PACKET_OUT, each freeing one slot of the window, whatever
   * PacketIn it answers (cbench's one counter per switch, no xid matching). Latency mode takes the answer
   * that names the PacketIn in flight: a PACKET_OUT of another frame, or a FLOW_MOD for another source
   * (the FLOW_MOD and PACKET_OUT a learning controller sends for one PacketIn, say), is not its answer.
   */
  private void onResponse(ChannelHandlerContext ctx, OFMessage m) {
    if (!ready) {
      return;
    }
    if (config.mode() == EmulatorMode.THROUGHPUT) {
      counters.responses.incrementAndGet();
      if (outstanding > 0) {
        outstanding--;
      }
      lastProgressNanos = System.nanoTime();
      return;
    }
    if (probeSrc == null || !answersProbe(m)) {
      return;
    }
    long now = System.nanoTime();
    counters.responses.incrementAndGet();
    if (run.measuring()) {
      latencies.add(now - probeSentNanos);
    }
    lastProgressNanos = now;
    probeSrc = null;
    if (!run.stopping()) {
      sendProbe(ctx);
      ctx.flush();
    }
  }

  private boolean answersProbe(OFMessage m) {
    if (m instanceof OFPacketOut out) {
      byte[] data = out.getData();
      return data.length < 12 || MacAddress.of(Arrays.copyOfRange(data, 6, 12)).equals(probeSrc);
    }
    MacAddress src = sourceOf(((OFFlowMod) m).getMatch());
    return src == null || src.equals(probeSrc);
  }

  private static MacAddress sourceOf(Match match) {
    try {
      return match.isExact(MatchField.ETH_SRC) ? match.get(MatchField.ETH_SRC) : null;
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  private void fill(ChannelHandlerContext ctx) {
    while (outstanding < config.window() && ctx.channel().isWritable() && !run.stopping()) {
      sendPacketIn(ctx);
      outstanding++;
    }
  }

  private void sendProbe(ChannelHandlerContext ctx) {
    probeSrc = sendPacketIn(ctx);
    probeSentNanos = System.nanoTime();
  }

  private MacAddress sendPacketIn(ChannelHandlerContext ctx) {
    PacketInFrames.Frame frame = frames.next();
    OFPacketIn.Builder b = factory.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER)
        .setTotalLen(frame.data().length).setReason(OFPacketInReason.NO_MATCH).setData(frame.data());
    if (factory.getVersion() == OFVersion.OF_10) {
      b.setInPort(OFPort.of(frame.inPort()));
    } else {
      b.setTableId(TableId.of(0)).setMatch(inPortMatches.get(frame.inPort() - 1));
    }
    ctx.write(b.build());
    counters.packetIns.incrementAndGet();
    return frame.src();
  }

  /** Gives up on PacketIns nothing answered for {@link #STALL_NANOS} and sends new ones in their place. */
  private void checkStall(ChannelHandlerContext ctx) {
    long now = System.nanoTime();
    if (run.stopping() || now - lastProgressNanos < STALL_NANOS) {
      return;
    }
    if (config.mode() == EmulatorMode.THROUGHPUT) {
      counters.lost.addAndGet(outstanding);
      outstanding = 0;
    } else if (probeSrc != null) {
      counters.lost.incrementAndGet();
      probeSrc = null;
    }
    lastProgressNanos = now;
    startTraffic(ctx);
    ctx.flush();
  }

  private static boolean isLldp(byte[] data) {
    return data.length >= 14 && ((data[12] & 0xff) << 8 | (data[13] & 0xff)) == LLDP;
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
