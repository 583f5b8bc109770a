package org.netservof.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds Ethernet/IPv4/UDP frames byte by byte, as a host's stack would, for module tests. */
public final class Frames {
  private Frames() {}

  /** An Ethernet + IPv4 + UDP frame (IP checksum set, UDP checksum 0), padded to 60 bytes. */
  public static byte[] udp(String srcMac, String dstMac, String srcIp, String dstIp, int srcPort, int dstPort,
      int ttl, byte[] payload) {
    int ipLength = 20 + 8 + payload.length;
    ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + ipLength));
    b.put(mac(dstMac)).put(mac(srcMac)).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0x1c46).putShort((short) 0x4000)
        .put((byte) ttl).put((byte) 17).putShort((short) 0).put(ip(srcIp)).put(ip(dstIp));
    b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0);
    b.put(payload);
    byte[] frame = b.array();
    int sum = 0;
    for (int i = 14; i < 34; i += 2) {
      sum += ((frame[i] & 0xff) << 8) | (frame[i + 1] & 0xff);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    frame[24] = (byte) (~sum >>> 8);
    frame[25] = (byte) ~sum;
    return frame;
  }

  /** A UDP frame between two hosts of a test network, with a small payload. */
  public static byte[] udp(String srcIp, String dstIp, int ttl) {
    return udp("00:00:00:00:00:01", "00:00:00:00:00:02", srcIp, dstIp, 40000, 9, ttl,
        "payload".getBytes(StandardCharsets.US_ASCII));
  }

  /** A text resource of this test-jar, with its line ends made CRLF (as SIP wants). */
  public static String crlfResource(String name) {
    try (InputStream in = Frames.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] mac(String text) {
    return HexFormat.ofDelimiter(":").parseHex(text);
  }

  public static byte[] ip(String text) {
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
