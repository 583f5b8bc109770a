package org.netservof.controller.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right behind the TLS handler: a failed TLS handshake (no certificate, one from another CA, a client speaking
 * plain OpenFlow) is a refused switch, logged once with its address, instead of an exception reaching the end of
 * the pipeline. TLS errors after the handshake close the connection.
 */
final class TlsRefusalHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TlsRefusalHandler.class);
  private final SwitchAdmission admission;
  private boolean established;

  TlsRefusalHandler(SwitchAdmission admission) {
    this.admission = admission;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        established = true;
      } else if (done.cause() instanceof ClosedChannelException) {
        // The peer hung up first (a switch retrying, a port scan): nothing was refused.
        log.info("connection from {} closed during the TLS handshake", ctx.channel().remoteAddress());
      } else {
        admission.refuse(ctx.channel(), Optional.empty(), "TLS handshake failed: " + describe(done.cause()));
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!isTls(cause)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    if (established) {
      log.info("switch {}: TLS error, closing the connection: {}", ChannelAttributes.describe(ctx.channel()),
          cause.getMessage());
    } // else the failed handshake's event has reported it
    ctx.close();
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }

  private static boolean isTls(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }
}
