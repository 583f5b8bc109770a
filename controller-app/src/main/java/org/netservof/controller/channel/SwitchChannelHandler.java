package org.netservof.controller.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last handler of an active switch's pipeline: hands every message to the switch's session. */
final class SwitchChannelHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SwitchChannelHandler.class);
  private final SwitchSession session;
  private final List<Object> replay;

  SwitchChannelHandler(SwitchSession session, List<Object> replay) {
    this.session = session;
    this.replay = replay;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    for (Object message : replay) {
      deliver(message);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    deliver(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    session.closed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof java.io.IOException) {
      // The switch went away (reset, broken pipe): ordinary, and the switch-removed event says so.
      log.info("switch {}: connection lost: {}", ChannelAttributes.describe(ctx.channel()), cause.getMessage());
    } else {
      log.warn("switch {}: closing the connection: {}", ChannelAttributes.describe(ctx.channel()), cause.toString());
    }
    ctx.close();
  }

  private void deliver(Object message) {
    if (message instanceof OFMessage m) {
      session.received(m);
    } else if (message instanceof MalformedMessage m) {
      session.malformed(m);
    }
  }
}
