package org.netservof.modules.relay;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The XOR-*-ADDRESS attributes (RFC 5389 §15.2): an IPv4 address and port XORed with the magic cookie, so
 * that NATs rewriting addresses they recognise in payloads leave them alone. IPv6 is not relayed here.
 */
final class XorAddress {
  private static final int FAMILY_IPV4 = 0x01;
  private static final int LENGTH = 8;

  private XorAddress() {}

  static StunAttribute encode(int type, InetSocketAddress address) {
    if (!(address.getAddress() instanceof Inet4Address v4)) {
      throw new IllegalArgumentException("only IPv4 addresses are relayed, not " + address);
    }
    ByteBuffer value = ByteBuffer.allocate(LENGTH);
    value.put((byte) 0).put((byte) FAMILY_IPV4).putShort((short) (address.getPort() ^ (Stun.MAGIC_COOKIE >>> 16)));
    value.putInt(ByteBuffer.wrap(v4.getAddress()).getInt() ^ Stun.MAGIC_COOKIE);
    return new StunAttribute(type, value.array());
  }

  /** The address in {@code value}; empty when it is not an 8-byte IPv4 XOR address. */
  static Optional<InetSocketAddress> decode(byte[] value) {
    if (value.length != LENGTH || value[1] != FAMILY_IPV4) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(value, 2, 6);
    int port = (in.getShort() & 0xFFFF) ^ (Stun.MAGIC_COOKIE >>> 16);
    int address = in.getInt() ^ Stun.MAGIC_COOKIE;
    try {
      return Optional.of(new InetSocketAddress(InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(address)
          .array()), port));
    } catch (UnknownHostException e) {
      return Optional.empty(); // four bytes are always an address; kept for the checked exception
    }
  }
}
