package org.netservof.protocol.node;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The frame a node sends out of its interface to prove where it is plugged in: broadcast, from the node's
 * MAC, an IEEE local experimental ether type, a magic string and the controller's challenge nonce. The
 * controller, seeing it come up from the claimed switch port, accepts the node.
 */
public final class HelloFrame {
  public static final int ETHER_TYPE = 0x88b5;
  private static final byte[] MAGIC = "NETSERV-NODE-HELLO ".getBytes(StandardCharsets.US_ASCII);

  private HelloFrame() {}

  public static byte[] build(byte[] mac, String nonce) {
    byte[] n = nonce.getBytes(StandardCharsets.US_ASCII);
    byte[] f = new byte[Math.max(60, 14 + MAGIC.length + n.length)];
    Arrays.fill(f, 0, 6, (byte) 0xff);
    System.arraycopy(mac, 0, f, 6, 6);
    f[12] = (byte) (ETHER_TYPE >>> 8);
    f[13] = (byte) ETHER_TYPE;
    System.arraycopy(MAGIC, 0, f, 14, MAGIC.length);
    System.arraycopy(n, 0, f, 14 + MAGIC.length, n.length);
    return f;
  }

  /** The nonce a hello frame carries; empty when the frame is not a hello. */
  public static Optional<String> nonce(byte[] frame) {
    if (frame.length < 14 + MAGIC.length || ((frame[12] & 0xff) << 8 | (frame[13] & 0xff)) != ETHER_TYPE
        || !Arrays.equals(frame, 14, 14 + MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return Optional.empty();
    }
    int start = 14 + MAGIC.length;
    int end = start;
    while (end < frame.length && frame[end] != 0) {
      end++;
    }
    return Optional.of(new String(frame, start, end - start, StandardCharsets.US_ASCII));
  }
}
