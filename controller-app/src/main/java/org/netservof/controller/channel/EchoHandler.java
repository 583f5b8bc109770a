package org.netservof.controller.channel;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the connection honest in both directions: answers the switch's ECHO_REQUESTs at once, sends our
 * own after {@code interval} of silence (the idle handler in front of this one signals it), and closes the
 * connection when the switch has been silent for {@code timeout}. Any message from the switch counts as
 * a sign of life.
 */
public final class EchoHandler extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(EchoHandler.class);
  private final long intervalNanos;
  private final long timeoutNanos;
  private int silentIntervals;
  private long outstandingXid = -1;
  private long echoSentNanos;
  private volatile long lastRoundTripNanos = -1;

  public EchoHandler(Duration interval, Duration timeout) {
    this.intervalNanos = interval.toNanos();
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    silentIntervals = 0;
    if (msg instanceof OFEchoRequest request) {
      OFFactory factory = OFFactories.getFactory(request.getVersion());
      ctx.writeAndFlush(factory.buildEchoReply().setXid(request.getXid()).setData(request.getData()).build());
      return;
    }
    if (msg instanceof OFEchoReply reply && reply.getXid() == outstandingXid) {
      lastRoundTripNanos = ctx.executor().ticker().nanoTime() - echoSentNanos;
      outstandingXid = -1;
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (!(evt instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
      super.userEventTriggered(ctx, evt);
      return;
    }
    silentIntervals++;
    long silentNanos = silentIntervals * intervalNanos;
    if (silentNanos >= timeoutNanos) {
      log.warn("switch {} silent for {} ms (echo timeout {} ms); disconnecting",
          ChannelAttributes.describe(ctx.channel()), TimeUnit.NANOSECONDS.toMillis(silentNanos),
          TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
      ctx.close();
      return;
    }
    OFFactory factory = ctx.channel().attr(ChannelAttributes.FACTORY).get();
    if (factory != null) {
      OFEchoRequest request = factory.buildEchoRequest().build();
      outstandingXid = request.getXid();
      echoSentNanos = ctx.executor().ticker().nanoTime();
      ctx.writeAndFlush(request);
    }
  }

  /** Round-trip time of the last answered ECHO_REQUEST in nanoseconds, or -1 before the first. */
  public long lastRoundTripNanos() {
    return lastRoundTripNanos;
  }
}
