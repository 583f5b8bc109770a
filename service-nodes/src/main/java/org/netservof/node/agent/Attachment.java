package org.netservof.node.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.netservof.node.io.PacketIo;

/**
 * Where a node is plugged in: given on the command line, or learnt from the LLDP probes the controller
 * sends out of every switch port (their chassis TLV carries the switch's DPID, their port TLV the port).
 * The controller checks the claim anyway before it accepts the node.
 *
 * @param dpid the switch, as 00:00:...:01
 */
record Attachment(String dpid, int port) {
  static final int LLDP = 0x88cc;

  /**
   * Parses {@code DPID/PORT}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  static Attachment parse(String text) {
    int slash = text.lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("attachment '" + text + "' is not DPID/PORT");
    }
    try {
      return new Attachment(text.substring(0, slash), Integer.parseInt(text.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("attachment '" + text + "' has a port that is not a number");
    }
  }

  /** Listens for an LLDP probe for up to {@code millis}. */
  static Optional<Attachment> learn(PacketIo io, long millis) throws IOException {
    byte[] buffer = new byte[2048];
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      int n = io.receive(buffer);
      if (n > 14 && ((buffer[12] & 0xff) << 8 | (buffer[13] & 0xff)) == LLDP) {
        Optional<Attachment> a = fromLldp(ByteBuffer.wrap(buffer, 0, n));
        if (a.isPresent()) {
          return a;
        }
      }
    }
    return Optional.empty();
  }

  /** Reads the chassis (locally assigned, 8-byte DPID) and port (locally assigned, 4 bytes) TLVs. */
  static Optional<Attachment> fromLldp(ByteBuffer frame) {
    int at = 14;
    Long dpid = null;
    Integer port = null;
    while (at + 2 <= frame.limit()) {
      int header = frame.getShort(at) & 0xffff;
      int type = header >>> 9;
      int length = header & 0x1ff;
      at += 2;
      if (type == 0 || at + length > frame.limit()) {
        break;
      }
      if (type == 1 && length == 9 && frame.get(at) == 7) {
        dpid = frame.getLong(at + 1);
      } else if (type == 2 && length == 5 && frame.get(at) == 7) {
        port = frame.getInt(at + 1);
      }
      at += length;
    }
    if (dpid == null || port == null) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    for (int i = 7; i >= 0; i--) {
      text.append(String.format("%02x", (dpid.longValue() >>> (8 * i)) & 0xff));
      if (i > 0) {
        text.append(':');
      }
    }
    return Optional.of(new Attachment(text.toString(), port));
  }

  @Override
  public String toString() {
    return dpid + "/" + port;
  }
}
