package org.netservof.controller.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * The last handler of an active switch's pipeline: hands every message to the switch's session while the
 * connection is open. What arrives after it closed (the rest of a decoded batch, what the decoder still held)
 * is dropped, and so is what a switch that reset the connection had sent before (see {@link PeerGone}): a dead
 * switch's PacketIns would only delay the live ones and new handshakes.
 */
final class SwitchChannelHandler extends ChannelInboundHandlerAdapter {
  private final SwitchSession session;
  private final List<Object> replay;
  private final PeerGone peerGone = new PeerGone();

  SwitchChannelHandler(SwitchSession session, List<Object> replay) {
    this.session = session;
    this.replay = replay;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    for (Object message : replay) {
      channelRead(ctx, message);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!ctx.channel().isActive()) {
      return;
    }
    if (peerGone.afterOneMore(ctx.channel())) {
      ChannelAttributes.closing(ctx.channel(), "the switch closed the connection; what it had sent since was "
          + "dropped unread");
      ctx.close();
      return;
    }
    deliver(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    session.closed();
  }

  private void deliver(Object message) {
    if (message instanceof OFMessage m) {
      session.received(m);
    } else if (message instanceof MalformedMessage m) {
      session.malformed(m);
    } else if (message instanceof RoleStatus s) {
      session.roleStatus(s);
    }
  }
}
