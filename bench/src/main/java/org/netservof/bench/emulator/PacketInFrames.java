package org.netservof.bench.emulator;

import java.util.List;
import java.util.OptionalLong;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;

/**
 * The 64-byte Ethernet/IPv4/UDP frames one switch sends to the controller, cycling through its MACs as
 * cbench does. MAC {@code k} of switch {@code s} is {@code 02:ss:kk:kk:kk:kk} (locally administered), so no
 * two switches share a host and a learning controller never sees one move.
 *
 * <p>Each frame goes to its MAC's partner ({@code k ^ 1}), and MAC {@code k} always arrives on port
 * {@code 1 + k % 4}: partners differ in parity, so a destination never lives on the port its frame came in
 * on. With every frame on port 1, a learning controller would, once it knew the MACs, drop every frame
 * (destination on the ingress port) without an answer.
 */
final class PacketInFrames implements PacketInSource {
  static final int FRAME_LENGTH = 64;
  /** Even, so that partners are on different ports. */
  static final int PORTS = 4;
  private static final int ETH = 14;
  private static final int IP = 20;
  private static final int UDP = 8;

  private final int switchIndex;
  private final int macs;
  private long sequence;

  PacketInFrames(int switchIndex, int macs) {
    this.switchIndex = switchIndex;
    this.macs = macs;
  }

  @Override
  public PacketInFrame next() {
    int k = (int) (sequence % macs);
    PacketInFrame frame = frame(k, sequence);
    sequence++;
    return frame;
  }

  @Override
  public List<PacketInFrame> preamble() {
    return List.of();
  }

  /** Frame {@code seq} comes from MAC {@code seq % macs}, whose index is the MAC's low 32 bits. */
  @Override
  public OptionalLong sentFrom(MacAddress src) {
    long bits = src.getLong();
    if (bits >>> 32 != (0x02L << 8 | switchIndex)) {
      return OptionalLong.empty();
    }
    return PacketInSource.latest(sequence, bits & 0xffffffffL, macs);
  }

  /** These frames are never buffered: the controller gets them whole. */
  @Override
  public OptionalLong sentInBuffer(OFBufferId buffer) {
    return OptionalLong.empty();
  }

  /** MAC {@code k}'s frame to its partner; {@code sequence} goes in the payload, to tell frames apart. */
  PacketInFrame frame(int k, long seq) {
    int dst = partner(k);
    byte[] b = new byte[FRAME_LENGTH];
    writeMac(b, 0, dst);
    writeMac(b, 6, k);
    b[12] = 0x08; // IPv4
    b[13] = 0x00;
    int ip = ETH;
    b[ip] = 0x45;
    putShort(b, ip + 2, FRAME_LENGTH - ETH);
    putShort(b, ip + 4, (int) seq);
    b[ip + 8] = 64; // TTL
    b[ip + 9] = 17; // UDP
    putInt(b, ip + 12, address(k));
    putInt(b, ip + 16, address(dst));
    putShort(b, ip + 10, checksum(b, ip, IP));
    int udp = ip + IP;
    putShort(b, udp, 10000 + k % 50000);
    putShort(b, udp + 2, 20000);
    putShort(b, udp + 4, FRAME_LENGTH - ETH - IP);
    // The UDP checksum stays 0: optional over IPv4.
    long s = seq;
    for (int i = udp + UDP + 7; i >= udp + UDP; i--, s >>>= 8) {
      b[i] = (byte) s;
    }
    return new PacketInFrame(seq, b, mac(k), 1 + k % PORTS, OFBufferId.NO_BUFFER, 0);
  }

  /** Another of the MACs, on another port; the last one of an odd count pairs with the one before. */
  int partner(int k) {
    int p = k ^ 1;
    return p < macs ? p : k - 1;
  }

  MacAddress mac(int k) {
    return MacAddress.of(macBits(k));
  }

  private long macBits(int k) {
    return 0x02L << 40 | (long) switchIndex << 32 | (k & 0xffffffffL);
  }

  /** 10.0.0.0/8, one address per MAC index (it wraps past 16 million MACs; nothing looks at it). */
  private static int address(int k) {
    return 10 << 24 | ((k + 1) & 0xffffff);
  }

  private void writeMac(byte[] b, int at, int k) {
    long bits = macBits(k);
    for (int i = 5; i >= 0; i--, bits >>>= 8) {
      b[at + i] = (byte) bits;
    }
  }

  private static int checksum(byte[] b, int from, int length) {
    int sum = 0;
    for (int i = from; i < from + length; i += 2) {
      sum += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return ~sum & 0xffff;
  }

  private static void putShort(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  private static void putInt(byte[] b, int at, int v) {
    putShort(b, at, v >>> 16);
    putShort(b, at + 2, v);
  }
}
