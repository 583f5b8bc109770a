package org.netservof.controller.channel;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every switch connection, during the handshake and after it: whatever fails on the
 * connection ends here and closes it. A peer that goes away (reset, broken pipe) is ordinary and logged at info;
 * anything else is a warning. Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class ConnectionFailures extends ChannelInboundHandlerAdapter {
  static final ConnectionFailures INSTANCE = new ConnectionFailures();
  private static final Logger log = LoggerFactory.getLogger(ConnectionFailures.class);

  private ConnectionFailures() {}

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      log.info("switch {}: connection lost: {}", ChannelAttributes.describe(ctx.channel()), cause.getMessage());
    } else {
      log.warn("switch {}: closing the connection: {}", ChannelAttributes.describe(ctx.channel()), cause.toString());
    }
    ctx.close();
  }
}
