package org.netservof.controller.channel;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.netservof.protocol.log.LogBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a switch that does not read what it is sent from growing the controller's heap. While more than
 * {@code pauseBytes} wait to be written to it (Netty's channel becomes unwritable), the controller stops reading
 * from it: no PacketIn of its can cause more writes, and TCP makes the switch wait in turn. Reading resumes
 * once half of that remains. Writes queued by the rest of the controller meanwhile (probes, entries, echo) are
 * bounded too: past {@code limitBytes} the switch is disconnected, as one that no longer reads.
 */
final class WriteBackpressureHandler extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(WriteBackpressureHandler.class);
  private final int pauseBytes;
  private final long limitBytes;
  private boolean closing;
  /** A switch reading just slower than it is written to flips this many times a second: lines within a budget. */
  private final LogBudget flips = LogBudget.perPeer();

  WriteBackpressureHandler(FloodProtection limits) {
    this.pauseBytes = limits.writePauseKib() * 1024;
    this.limitBytes = limits.writeLimitKib() * 1024L;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(pauseBytes / 2, pauseBytes));
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    boolean writable = ctx.channel().isWritable();
    ctx.channel().config().setAutoRead(writable);
    // Ordinary flow control (a large batch of entries does it too): worth a line, not a warning.
    long leftOut = flips.spend();
    if (leftOut < 0) {
      log.debug("switch {} writable: {}", ChannelAttributes.describe(ctx.channel()), writable);
    } else if (writable) {
      log.info("switch {} read what was queued for it; reading from it again{}",
          ChannelAttributes.describe(ctx.channel()), LogBudget.suffix(leftOut));
    } else {
      log.info("switch {} has more than {} KiB of writes waiting; not reading from it until they drain{}",
          ChannelAttributes.describe(ctx.channel()), pauseBytes / 1024, LogBudget.suffix(leftOut));
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ChannelOutboundBuffer queued = ctx.channel().unsafe().outboundBuffer();
    if (queued == null || queued.totalPendingWriteBytes() <= limitBytes) {
      ctx.write(msg, promise);
      return;
    }
    ReferenceCountUtil.release(msg);
    if (!promise.isVoid()) {
      promise.tryFailure(new IOException("switch " + ChannelAttributes.describe(ctx.channel())
          + " does not read; write dropped"));
    }
    if (!closing) {
      closing = true;
      log.warn("switch {} has not read {} KiB written to it (flood-protection.write-limit-kib {}); disconnecting",
          ChannelAttributes.describe(ctx.channel()), queued.totalPendingWriteBytes() / 1024, limitBytes / 1024);
      ctx.close();
    }
  }
}
