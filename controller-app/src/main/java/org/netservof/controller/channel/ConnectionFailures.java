package org.netservof.controller.channel;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every switch connection, during the handshake and after it: whatever fails on the
 * connection ends here and closes it. The first failure is the connection's cause of death, named by the one
 * line that logs its end (the session's "disconnected", the handshake's "closed during the handshake"); what
 * fails after it (every write queued for a reset switch fails in turn) is a consequence, logged at debug. A
 * peer that goes away (reset, broken pipe) is ordinary; any other first failure is also a warning of its own.
 * Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class ConnectionFailures extends ChannelInboundHandlerAdapter {
  static final ConnectionFailures INSTANCE = new ConnectionFailures();
  private static final Logger log = LoggerFactory.getLogger(ConnectionFailures.class);

  private ConnectionFailures() {}

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    boolean peerGone = cause instanceof IOException;
    String why = peerGone ? "connection lost: " + cause.getMessage() : cause.toString();
    boolean first = ChannelAttributes.closing(ctx.channel(), why);
    if (first && !peerGone) {
      log.warn("switch {}: closing the connection: {}", ChannelAttributes.describe(ctx.channel()), why);
    } else {
      log.debug("switch {}: {}", ChannelAttributes.describe(ctx.channel()), why);
    }
    ctx.close();
  }
}
