package org.netservof.controller.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;

/**
 * Splits the byte stream into OpenFlow frames by the header's length field and reads each with Loxi's
 * version-agnostic reader. A frame Loxi cannot read becomes a {@link MalformedMessage}, except Open vSwitch's
 * OpenFlow 1.3 role-status extension, which becomes a {@link RoleStatus}; a header whose
 * length is below the header size loses the frame boundary, so the connection is closed.
 */
public final class OFMessageDecoder extends ByteToMessageDecoder {
  static final int HEADER_LENGTH = 8;
  private static final int ERROR_DATA_BYTES = 64;
  private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
  /** Where each message read is counted; null when metrics are off (the switch emulator's decoder too). */
  private final MessageCounts counts;

  public OFMessageDecoder() {
    this(null);
  }

  OFMessageDecoder(MessageCounts counts) {
    this.counts = counts;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() < HEADER_LENGTH) {
      return;
    }
    int start = in.readerIndex();
    int length = in.getUnsignedShort(start + 2);
    if (length < HEADER_LENGTH) {
      throw new CorruptedFrameException("OpenFlow header announces length " + length
          + ", less than the 8-byte header; the stream cannot be resynchronised");
    }
    if (in.readableBytes() < length) {
      return;
    }
    ByteBuf frame = in.slice(start, length);
    in.readerIndex(start + length);
    if (isOnfRoleStatus(frame)) {
      out.add(new RoleStatus(RoleStatus.role(frame.getUnsignedInt(16)), frame.getLong(24)));
      return;
    }
    try {
      OFMessage message = reader.readFrom(frame);
      if (message == null) {
        out.add(malformed(frame, "incomplete message body"));
      } else {
        out.add(message);
        if (counts != null) {
          counts.received(message);
        }
      }
    } catch (OFParseError | RuntimeException e) {
      out.add(malformed(frame, String.valueOf(e.getMessage())));
    }
  }

  /** OpenFlow 1.3 EXPERIMENTER, ONF's, of type ROLE_STATUS, with its role and generation id (32 bytes). */
  private static boolean isOnfRoleStatus(ByteBuf frame) {
    return frame.getUnsignedByte(0) == 4 && frame.getUnsignedByte(1) == 4 && frame.capacity() >= 32
        && frame.getUnsignedInt(8) == RoleStatus.ONF_EXPERIMENTER
        && frame.getUnsignedInt(12) == RoleStatus.ONF_ROLE_STATUS;
  }

  private static MalformedMessage malformed(ByteBuf frame, String reason) {
    byte[] head = ByteBufUtil.getBytes(frame, 0, Math.min(ERROR_DATA_BYTES, frame.capacity()));
    return new MalformedMessage(frame.getUnsignedByte(0), frame.getUnsignedByte(1), frame.getUnsignedInt(4),
        head, reason);
  }
}
