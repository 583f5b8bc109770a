package org.netservof.controller.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
}
