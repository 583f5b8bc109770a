package org.netservof.controller.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Writes Loxi messages, single or batched, to the wire. */
public final class OFMessageEncoder extends MessageToByteEncoder<Object> {
  /** Where each message written is counted; null when metrics are off (the switch emulator's encoder too). */
  private final MessageCounts counts;

  public OFMessageEncoder() {
    this(null);
  }

  OFMessageEncoder(MessageCounts counts) {
    this.counts = counts;
  }

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof OFMessage || msg instanceof OFMessageBatch;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
    if (msg instanceof OFMessageBatch batch) {
      for (OFMessage m : batch.messages()) {
        write(m, out);
      }
    } else {
      write((OFMessage) msg, out);
    }
  }

  private void write(OFMessage message, ByteBuf out) {
    message.writeTo(out);
    if (counts != null) {
      counts.sent(message);
    }
  }
}
