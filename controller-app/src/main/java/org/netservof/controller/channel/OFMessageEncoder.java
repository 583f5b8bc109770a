package org.netservof.controller.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Writes Loxi messages, single or batched, to the wire. */
public final class OFMessageEncoder extends MessageToByteEncoder<Object> {

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof OFMessage || msg instanceof OFMessageBatch;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
    if (msg instanceof OFMessageBatch batch) {
      for (OFMessage m : batch.messages()) {
        m.writeTo(out);
      }
    } else {
      ((OFMessage) msg).writeTo(out);
    }
  }
}
