package org.netservof.node.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An Ethernet frame (without VLAN tag: the container removes its mark before modules see a frame and adds
 * it back after), with the header reads and writes modules need. Offsets are into {@link #data()}.
 * Not thread-safe; a packet belongs to the module chain that is processing it.
 */
public final class Packet {
  public static final int ETH_IPV4 = 0x0800;
  public static final int UDP = 17;
  public static final int TCP = 6;
  private static final int ETH_HEADER = 14;

  private byte[] data;
  private int length;

  private Packet(byte[] data, int length) {
    this.data = data;
    this.length = length;
  }

  /** A packet over the first {@code length} bytes of {@code data} (not copied). */
  public static Packet wrap(byte[] data, int length) {
    if (length < 0 || length > data.length) {
      throw new IllegalArgumentException("length " + length + " outside a buffer of " + data.length);
    }
    return new Packet(data, length);
  }

  /** A packet with its own copy of the bytes. */
  public static Packet copyOf(byte[] data, int length) {
    return new Packet(Arrays.copyOf(data, Math.max(length, 64)), length);
  }

  public byte[] data() {
    return data;
  }

  public int length() {
    return length;
  }

  /** A copy of this packet, to change without touching the original. */
  public Packet copy() {
    return copyOf(data, length);
  }

  // ---- Ethernet ----

  public int etherType() {
    return length >= ETH_HEADER ? u16(12) : -1;
  }

  /** Swaps the Ethernet source and destination addresses. */
  public void swapMacs() {
    for (int i = 0; i < 6; i++) {
      byte b = data[i];
      data[i] = data[6 + i];
      data[6 + i] = b;
    }
  }

  // ---- IPv4 ----

  /** Whether this is a well-formed IPv4 packet: version 4, a header of 20 bytes or more, all in the frame. */
  public boolean isIpv4() {
    return etherType() == ETH_IPV4 && length >= ETH_HEADER + 20 && (data[ETH_HEADER] & 0xf0) == 0x40
        && ipHeaderLength() >= 20 && length >= ETH_HEADER + ipHeaderLength();
  }

  /** Sets the IPv4 time to live (fix the checksum afterwards). */
  public void setTtl(int ttl) {
    data[ETH_HEADER + 8] = (byte) ttl;
  }

  public int ipHeaderLength() {
    return (data[ETH_HEADER] & 0x0f) * 4;
  }

  public int ipSource() {
    return i32(ETH_HEADER + 12);
  }

  public int ipDestination() {
    return i32(ETH_HEADER + 16);
  }

  public int ttl() {
    return data[ETH_HEADER + 8] & 0xff;
  }

  public int ipProtocol() {
    return data[ETH_HEADER + 9] & 0xff;
  }

  /** Swaps the IPv4 source and destination addresses (the header checksum does not change). */
  public void swapIpAddresses() {
    int src = ipSource();
    putI32(ETH_HEADER + 12, ipDestination());
    putI32(ETH_HEADER + 16, src);
  }

  /** Whether this is the first (or only) fragment: later fragments carry no transport header. */
  public boolean isFirstFragment() {
    return (u16(ETH_HEADER + 6) & 0x1fff) == 0;
  }

  // ---- UDP / TCP ----

  /** Offset of the transport header. */
  public int l4Offset() {
    return ETH_HEADER + ipHeaderLength();
  }

  public boolean isUdp() {
    return isIpv4() && ipProtocol() == UDP && isFirstFragment() && length >= l4Offset() + 8;
  }

  public int sourcePort() {
    return u16(l4Offset());
  }

  public int destinationPort() {
    return u16(l4Offset() + 2);
  }

  /** Swaps UDP or TCP source and destination ports. */
  public void swapPorts() {
    int src = sourcePort();
    putU16(l4Offset(), destinationPort());
    putU16(l4Offset() + 2, src);
  }

  /** Where the UDP payload starts. */
  public int udpPayloadOffset() {
    return l4Offset() + 8;
  }

  /** The UDP payload's length, by the UDP header (capped by the frame). */
  public int udpPayloadLength() {
    return Math.max(0, Math.min(u16(l4Offset() + 4) - 8, length - udpPayloadOffset()));
  }

  /** The UDP payload as text (for text protocols such as SIP). */
  public String udpPayloadText() {
    return new String(data, udpPayloadOffset(), udpPayloadLength(), StandardCharsets.ISO_8859_1);
  }

  /**
   * Replaces the UDP payload, setting the IPv4 total length, the UDP length, the IPv4 header checksum and a
   * zero UDP checksum (allowed for UDP over IPv4), and the frame length.
   */
  public void setUdpPayload(byte[] payload) {
    setUdpPayload(payload, payload.length);
  }

  /** {@link #setUdpPayload(byte[])} with the first {@code size} bytes of {@code payload}. */
  public void setUdpPayload(byte[] payload, int size) {
    int start = udpPayloadOffset();
    int newLength = start + size;
    if (newLength > data.length) {
      data = Arrays.copyOf(data, newLength);
    }
    System.arraycopy(payload, 0, data, start, size);
    length = Math.max(newLength, 60);
    Arrays.fill(data, newLength, length, (byte) 0);
    putU16(ETH_HEADER + 2, ipHeaderLength() + 8 + size);
    putU16(l4Offset() + 4, 8 + size);
    putU16(l4Offset() + 6, 0);
    fixIpChecksum();
  }

  /** Recomputes the IPv4 header checksum. */
  public void fixIpChecksum() {
    putU16(ETH_HEADER + 10, 0);
    int sum = 0;
    for (int i = 0; i < ipHeaderLength(); i += 2) {
      sum += u16(ETH_HEADER + i);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    putU16(ETH_HEADER + 10, ~sum & 0xffff);
  }

  // ---- bytes ----

  public int u16(int at) {
    return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
  }

  public int i32(int at) {
    return ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8)
        | (data[at + 3] & 0xff);
  }

  public void putU16(int at, int value) {
    data[at] = (byte) (value >>> 8);
    data[at + 1] = (byte) value;
  }

  public void putI32(int at, int value) {
    data[at] = (byte) (value >>> 24);
    data[at + 1] = (byte) (value >>> 16);
    data[at + 2] = (byte) (value >>> 8);
    data[at + 3] = (byte) value;
  }

  /** An IPv4 address as dotted text. */
  public static String ipText(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }
}
