package org.netservof.bridge.signaling;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.packet.EthernetFrame;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The frames signaling travels in: UDP datagrams to or from port 270, and the ICMP port-unreachable a host
 * sends back when nothing on it listens there. Reads them out of PacketIns and builds the responses a domain
 * sends. Signaling frames are untagged: they travel between hosts, never through a node.
 */
final class SignalFrames {
  /** The port IANA assigned to GIST, which NetServ signaling uses. */
  static final int PORT = 270;
  private static final int UDP = 17;
  private static final int ICMP = 1;
  private static final int ETH_HEADER = 14;

  private SignalFrames() {}

  /** A UDP datagram: its addresses, ports and payload. */
  /**
   * A UDP datagram as it came in: {@code arrivedAt} is the switch port it entered by, empty for one this domain
   * made itself (the request a TRIGGER carries).
   */
  record Datagram(MacAddress srcMac, MacAddress dstMac, IPv4Address src, IPv4Address dst, int srcPort, int dstPort,
      int checksum, byte[] payload, Optional<SwitchPort> arrivedAt) {
    /** Who sent it, as the key of what waits for its answer. */
    Endpoint source() {
      return new Endpoint(src, srcPort);
    }
  }

  /** An IPv4 address and UDP port. */
  record Endpoint(IPv4Address address, int port) {
    @Override
    public String toString() {
      return address + ":" + port;
    }
  }

  /**
   * What an ICMP port-unreachable says about the datagram it answers: addresses, ports, and the UDP checksum,
   * which tells apart datagrams between the same two endpoints.
   */
  record Unreachable(IPv4Address src, IPv4Address dst, int srcPort, int dstPort, int checksum) {}

  /** The UDP datagram in a frame, when it is a whole (unfragmented) one. */
  static Optional<Datagram> udp(EthernetFrame frame, byte[] bytes, SwitchPort arrivedAt) {
    if (frame.ipv4().isEmpty() || frame.ipv4().get().protocol().getIpProtocolNumber() != UDP
        || frame.vlanId().isPresent()) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int ip = frame.payloadOffset();
    int ihl = (b.get(ip) & 0x0f) * 4;
    int totalLength = b.getShort(ip + 2) & 0xffff;
    int fragment = b.getShort(ip + 6) & 0x3fff; // more-fragments flag and offset
    int udp = ip + ihl;
    if (fragment != 0 || ihl < 20 || udp + 8 > bytes.length || ip + totalLength > bytes.length) {
      return Optional.empty();
    }
    int udpLength = b.getShort(udp + 4) & 0xffff;
    if (udpLength < 8 || udp + udpLength > ip + totalLength) {
      return Optional.empty();
    }
    byte[] payload = Arrays.copyOfRange(bytes, udp + 8, udp + udpLength);
    return Optional.of(new Datagram(frame.src(), frame.dst(), frame.ipv4().get().src(), frame.ipv4().get().dst(),
        b.getShort(udp) & 0xffff, b.getShort(udp + 2) & 0xffff, b.getShort(udp + 6) & 0xffff, payload,
        Optional.of(arrivedAt)));
  }

  /** The datagram an ICMP port-unreachable in this frame answers, when it answers a UDP one. */
  static Optional<Unreachable> portUnreachable(EthernetFrame frame, byte[] bytes) {
    if (frame.ipv4().isEmpty() || frame.ipv4().get().protocol().getIpProtocolNumber() != ICMP
        || frame.vlanId().isPresent()) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int ip = frame.payloadOffset();
    int icmp = ip + (b.get(ip) & 0x0f) * 4;
    if (icmp + 8 + 20 + 8 > bytes.length || b.get(icmp) != 3 || b.get(icmp + 1) != 3) {
      return Optional.empty();
    }
    int inner = icmp + 8;
    int innerIhl = (b.get(inner) & 0x0f) * 4;
    if (innerIhl < 20 || b.get(inner + 9) != UDP || inner + innerIhl + 8 > bytes.length) {
      return Optional.empty();
    }
    int udp = inner + innerIhl;
    return Optional.of(new Unreachable(IPv4Address.of(b.getInt(inner + 12)), IPv4Address.of(b.getInt(inner + 16)),
        b.getShort(udp) & 0xffff, b.getShort(udp + 2) & 0xffff, b.getShort(udp + 6) & 0xffff));
  }

  /** An Ethernet + IPv4 + UDP frame carrying {@code payload}, with both checksums. */
  static byte[] build(MacAddress srcMac, MacAddress dstMac, Endpoint from, Endpoint to, byte[] payload) {
    int ipLength = 20 + 8 + payload.length;
    ByteBuffer b = ByteBuffer.allocate(Math.max(60, ETH_HEADER + ipLength));
    b.put(dstMac.getBytes()).put(srcMac.getBytes()).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
        .put((byte) 64).put((byte) UDP).putShort((short) 0).putInt(from.address().getInt())
        .putInt(to.address().getInt());
    b.putShort((short) from.port()).putShort((short) to.port()).putShort((short) (8 + payload.length))
        .putShort((short) 0).put(payload);
    byte[] frame = b.array();
    putShort(frame, ETH_HEADER + 10, checksum(frame, ETH_HEADER, 20, 0));
    // The UDP checksum covers a pseudo-header: addresses, protocol and length.
    long pseudo = sum(frame, ETH_HEADER + 12, 8) + UDP + 8 + payload.length;
    int udp = checksum(frame, ETH_HEADER + 20, 8 + payload.length, pseudo);
    putShort(frame, ETH_HEADER + 26, udp == 0 ? 0xffff : udp);
    return frame;
  }

  private static int checksum(byte[] data, int offset, int length, long initial) {
    long sum = initial + sum(data, offset, length);
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static long sum(byte[] data, int offset, int length) {
    long sum = 0;
    for (int i = 0; i < length; i += 2) {
      int high = data[offset + i] & 0xff;
      int low = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
      sum += (high << 8) | low;
    }
    return sum;
  }

  private static void putShort(byte[] data, int offset, int value) {
    data[offset] = (byte) (value >>> 8);
    data[offset + 1] = (byte) value;
  }
}
