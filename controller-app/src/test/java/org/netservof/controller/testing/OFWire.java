package org.netservof.controller.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Messages to bytes and back, as a switch would write and read them. */
public final class OFWire {
  private OFWire() {}

  public static ByteBuf encode(OFMessage... messages) {
    ByteBuf buf = Unpooled.buffer();
    for (OFMessage m : messages) {
      m.writeTo(buf);
    }
    return buf;
  }

  /** Reads every whole message in the buffer, and releases it. */
  public static List<OFMessage> decodeAll(ByteBuf buf) {
    List<OFMessage> out = new ArrayList<>();
    try {
      while (buf.readableBytes() >= 8) {
        OFMessage m = OFFactories.getGenericReader().readFrom(buf);
        if (m == null) {
          break;
        }
        out.add(m);
      }
      return out;
    } catch (OFParseError e) {
      throw new AssertionError("controller wrote bytes Loxi cannot read back", e);
    } finally {
      buf.release();
    }
  }

  /** Writes messages to a stream, as a switch on a real connection does. */
  public static void write(OutputStream out, OFMessage... messages) throws IOException {
    ByteBuf buf = encode(messages);
    try {
      out.write(ByteBufUtil.getBytes(buf));
      out.flush();
    } finally {
      buf.release();
    }
  }

  /**
   * Reads one message from a stream, by its header's length (at least the header, so a hostile length cannot
   * stall the read).
   *
   * @throws IOException when the stream ends, or the controller wrote a message Loxi cannot read
   */
  public static OFMessage read(DataInputStream in) throws IOException {
    byte[] header = new byte[8];
    in.readFully(header);
    int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
    byte[] whole = new byte[Math.max(length, 8)];
    System.arraycopy(header, 0, whole, 0, 8);
    in.readFully(whole, 8, whole.length - 8);
    try {
      return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(whole));
    } catch (OFParseError e) {
      throw new IOException("the controller wrote a message Loxi cannot read: " + e.getMessage(), e);
    }
  }
}
