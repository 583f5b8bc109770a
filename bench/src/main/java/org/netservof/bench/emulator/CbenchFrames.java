package org.netservof.bench.emulator;

import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;

/**
 * The frames cbench's fake switches send (oflops, {@code cbench/fakeswitch.c}, {@code make_packet_in}), byte
 * for byte, so that the suite measures the path the standard controller benchmark takes:
 * <ul>
 *   <li>a 64-byte IPv4 frame of IP protocol 255 (no transport header a parser knows) from 192.168.0.40 to
 *       192.168.1.40, TTL 64, identification 0, with cbench's 30 payload bytes;
 *   <li>destination MAC {@code 80:00:00:00:00:ID} and source MAC {@code 00:C0:C1:C2:C3:ID}, where ID is the
 *       low byte of the switch's DPID and C0..C3 the switch's MAC counter, least significant byte first (cbench
 *       copies a host-order int on x86); the counter cycles through {@code macs} values from 0;
 *   <li>in port 1, reason NO_MATCH, total length 64, and a buffer id that starts at 1 and counts up modulo
 *       {@value #BUFFER_IDS} ({@code NUM_BUFFER_IDS}), never NO_BUFFER;
 *   <li>transaction ids counting up from 1, the first one taken by the gratuitous ARP reply cbench sends
 *       first by default ({@code --learn-dst-macs}): from {@code 80:00:00:00:00:ID} (192.168.ID.40) on port 2,
 *       unbuffered, so that a learning switch knows the destination of every later frame.
 * </ul>
 * cbench speaks OpenFlow 1.0 only. On 1.3 the same frame goes in an OpenFlow 1.3 PacketIn with the same
 * buffer id, reason and total length, table 0, and the in port as the match's IN_PORT (see
 * {@link PacketInBuilder}).
 */
final class CbenchFrames implements PacketInSource {
  static final int BUFFER_IDS = 100_000;
  static final int IN_PORT = 1;
  static final int LEARN_PORT = 2;
  /** IPv4 header (checksum f72c is right for it as it stands) and payload, from byte 14 of the frame. */
  private static final byte[] IP_AND_PAYLOAD = HexFormat.of().parseHex("4500003200000000" + "40fff72c"
      + "c0a80028c0a80128" + "7a18586b110897f519e2657e07cc31c311c7c40c8b9551513354" + "51d50036");

  private final byte id;
  private final int macs;
  private long sequence;

  CbenchFrames(int switchIndex, int macs) {
    this.id = (byte) (switchIndex + 1); // DPID = index + 1, as cbench's default --dpid-offset 1 gives
    this.macs = macs;
  }

  @Override
  public PacketInFrame next() {
    long seq = sequence++;
    byte[] b = new byte[PacketInFrames.FRAME_LENGTH];
    byte[] dst = learnedMac();
    System.arraycopy(dst, 0, b, 0, 6);
    byte[] src = source((int) (seq % macs));
    System.arraycopy(src, 0, b, 6, 6);
    putShort(b, 12, EthType.IPv4.getValue());
    System.arraycopy(IP_AND_PAYLOAD, 0, b, 14, IP_AND_PAYLOAD.length);
    return new PacketInFrame(seq, b, MacAddress.of(src), IN_PORT, OFBufferId.of((int) ((seq + 1) % BUFFER_IDS)),
        seq + 2);
  }

  /** The gratuitous ARP reply that announces {@code 80:00:00:00:00:ID} on port 2, padded to 64 bytes. */
  @Override
  public List<PacketInFrame> preamble() {
    byte[] b = new byte[PacketInFrames.FRAME_LENGTH];
    byte[] mac = learnedMac();
    byte[] ip = {(byte) 192, (byte) 168, id, 40};
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) 0xff;
    }
    System.arraycopy(mac, 0, b, 6, 6);
    putShort(b, 12, EthType.ARP.getValue());
    putShort(b, 14, 1); // Ethernet
    putShort(b, 16, EthType.IPv4.getValue());
    b[18] = 6;
    b[19] = 4;
    putShort(b, 20, 2); // reply
    System.arraycopy(mac, 0, b, 22, 6);
    System.arraycopy(ip, 0, b, 28, 4);
    System.arraycopy(mac, 0, b, 32, 6);
    System.arraycopy(ip, 0, b, 38, 4);
    return List.of(new PacketInFrame(-1, b, MacAddress.of(mac), LEARN_PORT, OFBufferId.NO_BUFFER, 1));
  }

  @Override
  public OptionalLong sentFrom(MacAddress src) {
    byte[] m = src.getBytes();
    if (m[0] != 0 || m[5] != id) {
      return OptionalLong.empty();
    }
    long counter = (m[1] & 0xffL) | (m[2] & 0xffL) << 8 | (m[3] & 0xffL) << 16 | (m[4] & 0xffL) << 24;
    return PacketInSource.latest(sequence, counter, macs);
  }

  /** Frame {@code seq} is in buffer {@code (seq + 1) % BUFFER_IDS}. */
  @Override
  public OptionalLong sentInBuffer(OFBufferId buffer) {
    long b = buffer.getInt() & 0xffffffffL;
    if (b >= BUFFER_IDS) {
      return OptionalLong.empty();
    }
    return PacketInSource.latest(sequence, Math.floorMod(b - 1, BUFFER_IDS), BUFFER_IDS);
  }

  /** cbench's source MAC for counter value {@code counter}. */
  byte[] source(int counter) {
    return new byte[] {0, (byte) counter, (byte) (counter >>> 8), (byte) (counter >>> 16), (byte) (counter >>> 24), id};
  }

  /** The destination of every measured frame, announced by the preamble. */
  private byte[] learnedMac() {
    return new byte[] {(byte) 0x80, 0, 0, 0, 0, id};
  }

  private static void putShort(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }
}
