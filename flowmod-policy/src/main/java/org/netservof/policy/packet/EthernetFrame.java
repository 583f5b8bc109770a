package org.netservof.policy.packet;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The headers of an Ethernet frame that the controller decides on: addresses, the outer 802.1Q tag, the
 * ether type after any tags, and the ARP or IPv4 header when there is one (not for IP protocol 255).
 * Parsing reads only headers, never copies the payload, and refuses a frame whose Ethernet header or tag is
 * cut short with a message that names it; an ARP or IPv4 header that is cut short or malformed leaves the frame
 * plain Ethernet (no ARP, no IPv4), so it is still forwarded by its addresses.
 *
 * @param vlanId the outer 802.1Q VLAN id, empty when untagged
 * @param etherType the ether type after all 802.1Q/802.1ad tags
 * @param payloadOffset where the ether type's payload starts in the frame
 */
public record EthernetFrame(MacAddress dst, MacAddress src, OptionalInt vlanId, EthType etherType,
    int payloadOffset, Optional<ArpHeader> arp, Optional<Ipv4Header> ipv4) {
  private static final int ETH_HEADER = 14;
  private static final int TPID_8021Q = 0x8100;
  private static final int TPID_8021AD = 0x88a8;
  private static final int RESERVED_IP_PROTOCOL = 255;

  public EthernetFrame {
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(vlanId, "vlanId");
    Objects.requireNonNull(etherType, "etherType");
    Objects.requireNonNull(arp, "arp");
    Objects.requireNonNull(ipv4, "ipv4");
  }

  /** Whether the destination is a broadcast or multicast address (the group bit is set). */
  public boolean isGroupDestination() {
    return dst.isBroadcast() || dst.isMulticast();
  }

  /**
   * Parses the headers of {@code frame}.
   *
   * @throws PacketParseException when the Ethernet header or an 802.1Q tag is cut short
   */
  public static EthernetFrame parse(byte[] frame) throws PacketParseException {
    if (frame.length < ETH_HEADER) {
      throw new PacketParseException("Ethernet header needs 14 bytes, frame has " + frame.length);
    }
    MacAddress dst = MacAddress.of(slice(frame, 0, 6));
    MacAddress src = MacAddress.of(slice(frame, 6, 6));
    int offset = 12;
    int type = u16(frame, offset);
    OptionalInt vlan = OptionalInt.empty();
    while (type == TPID_8021Q || type == TPID_8021AD) {
      if (frame.length < offset + 6) {
        throw new PacketParseException("802.1Q tag at byte " + offset + " is cut short");
      }
      if (vlan.isEmpty()) {
        vlan = OptionalInt.of(u16(frame, offset + 2) & 0x0fff);
      }
      offset += 4;
      type = u16(frame, offset);
    }
    int payload = offset + 2;
    EthType etherType = EthType.of(type);
    Optional<ArpHeader> arp = Optional.empty();
    Optional<Ipv4Header> ipv4 = Optional.empty();
    try {
      if (type == EthType.ARP.getValue()) {
        arp = Optional.of(parseArp(frame, payload));
      } else if (type == EthType.IPv4.getValue()) {
        ipv4 = parseIpv4(frame, payload);
      }
    } catch (PacketParseException unreadableAboveEthernet) {
      // Still an Ethernet frame with both addresses: it is forwarded as one (a switch would), never ignored;
      // with no ARP or IPv4 header it answers no ARP, teaches no address and matches no steering filter.
    }
    return new EthernetFrame(dst, src, vlan, etherType, payload, arp, ipv4);
  }

  private static ArpHeader parseArp(byte[] f, int at) throws PacketParseException {
    if (f.length < at + 28) {
      throw new PacketParseException("ARP needs 28 bytes at byte " + at + ", frame has " + (f.length - at));
    }
    if (u16(f, at) != 1 || u16(f, at + 2) != 0x0800 || (f[at + 4] & 0xff) != 6 || (f[at + 5] & 0xff) != 4) {
      throw new PacketParseException("ARP is not Ethernet/IPv4 (htype " + u16(f, at) + ", ptype 0x"
          + Integer.toHexString(u16(f, at + 2)) + ")");
    }
    return new ArpHeader(u16(f, at + 6),
        MacAddress.of(slice(f, at + 8, 6)), IPv4Address.of(slice(f, at + 14, 4)),
        MacAddress.of(slice(f, at + 18, 6)), IPv4Address.of(slice(f, at + 24, 4)));
  }

  /**
   * The IPv4 header; empty for protocol number 255 (reserved), which Loxi cannot name and so no match can
   * classify: such a frame is handled as plain Ethernet (forwarded by its addresses), never left unanswered.
   */
  private static Optional<Ipv4Header> parseIpv4(byte[] f, int at) throws PacketParseException {
    if (f.length < at + 20) {
      throw new PacketParseException("IPv4 header needs 20 bytes at byte " + at + ", frame has " + (f.length - at));
    }
    int version = (f[at] & 0xf0) >> 4;
    int headerLength = (f[at] & 0x0f) * 4;
    if (version != 4 || headerLength < 20) {
      throw new PacketParseException("IPv4 header has version " + version + " and length " + headerLength);
    }
    if (f.length < at + headerLength) {
      throw new PacketParseException("IPv4 options run past the frame end");
    }
    if ((f[at + 9] & 0xff) == RESERVED_IP_PROTOCOL) {
      return Optional.empty();
    }
    int dscp = (f[at + 1] & 0xff) >> 2;
    int fragmentOffset = u16(f, at + 6) & 0x1fff;
    int ttl = f[at + 8] & 0xff;
    IpProtocol protocol = IpProtocol.of((short) (f[at + 9] & 0xff));
    IPv4Address src = IPv4Address.of(slice(f, at + 12, 4));
    IPv4Address dst = IPv4Address.of(slice(f, at + 16, 4));
    OptionalInt srcPort = OptionalInt.empty();
    OptionalInt dstPort = OptionalInt.empty();
    int l4 = at + headerLength;
    if (fragmentOffset == 0) {
      if ((protocol.equals(IpProtocol.TCP) || protocol.equals(IpProtocol.UDP)) && f.length >= l4 + 4) {
        srcPort = OptionalInt.of(u16(f, l4));
        dstPort = OptionalInt.of(u16(f, l4 + 2));
      } else if (protocol.equals(IpProtocol.ICMP) && f.length >= l4 + 2) {
        srcPort = OptionalInt.of(f[l4] & 0xff);
        dstPort = OptionalInt.of(f[l4 + 1] & 0xff);
      }
    }
    return Optional.of(new Ipv4Header(src, dst, protocol, ttl, dscp, srcPort, dstPort));
  }

  private static int u16(byte[] f, int at) {
    return ((f[at] & 0xff) << 8) | (f[at + 1] & 0xff);
  }

  private static byte[] slice(byte[] f, int at, int length) {
    byte[] out = new byte[length];
    System.arraycopy(f, at, out, 0, length);
    return out;
  }
}
