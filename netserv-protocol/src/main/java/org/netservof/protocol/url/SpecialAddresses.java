package org.netservof.protocol.url;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses a URL from a request must not reach unless an operator listed it: the node's and the
 * controller's own machine, their local networks, and ranges that are not one host on the Internet.
 * IPv6 addresses that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
 */
public final class SpecialAddresses {
  /** An IPv4 range and what it is, as {@code a.b.c.d/bits}. */
  private record Range4(int network, int bits, String name) {
    boolean contains(int address) {
      int mask = bits == 0 ? 0 : -1 << (32 - bits);
      return (address & mask) == (network & mask);
    }
  }

  private static final List<Range4> IPV4 = List.of(
      range("0.0.0.0", 8, "'this network' (0.0.0.0/8)"),
      range("10.0.0.0", 8, "private (RFC 1918)"),
      range("100.64.0.0", 10, "shared carrier-grade NAT (100.64.0.0/10)"),
      range("127.0.0.0", 8, "loopback"),
      range("169.254.0.0", 16, "link-local"),
      range("172.16.0.0", 12, "private (RFC 1918)"),
      range("192.0.0.0", 24, "IETF protocol assignments (192.0.0.0/24)"),
      range("192.168.0.0", 16, "private (RFC 1918)"),
      range("198.18.0.0", 15, "benchmarking (198.18.0.0/15)"),
      range("224.0.0.0", 4, "multicast"),
      range("240.0.0.0", 4, "reserved (240.0.0.0/4) or broadcast"));

  private SpecialAddresses() {}

  /** What kind of special address this is ("loopback", "private (RFC 1918)", ...); empty for a public one. */
  public static Optional<String> kind(InetAddress address) {
    if (address instanceof Inet4Address v4) {
      return kind4(toInt(v4.getAddress(), 0));
    }
    byte[] b = address.getAddress();
    Optional<Integer> embedded = embeddedIpv4(b);
    if (embedded.isPresent()) {
      return kind4(embedded.get()).map(k -> k + ", inside an IPv6 address");
    }
    Inet6Address v6 = (Inet6Address) address;
    if (v6.isAnyLocalAddress()) {
      return Optional.of("unspecified");
    }
    if (v6.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (v6.isLinkLocalAddress() || v6.isSiteLocalAddress()) {
      return Optional.of("link-local");
    }
    if (v6.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return Optional.of("unique local (fc00::/7)");
    }
    if ((b[0] & 0xff) == 0x01 && b[1] == 0 && allZero(b, 2, 8)) {
      return Optional.of("discard-only (100::/64)");
    }
    return Optional.empty();
  }

  private static Optional<String> kind4(int address) {
    return IPV4.stream().filter(r -> r.contains(address)).map(Range4::name).findFirst();
  }

  /** The IPv4 address an IPv6 address carries: ::a.b.c.d, ::ffff:a.b.c.d, 64:ff9b::a.b.c.d, 2002:a.b.c.d::. */
  private static Optional<Integer> embeddedIpv4(byte[] b) {
    boolean compatible = allZero(b, 0, 12);
    boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean nat64 = Arrays.equals(Arrays.copyOf(b, 12), new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0,
        0, 0, 0, 0});
    if (compatible && allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
      return Optional.empty(); // :: and ::1, named as themselves
    }
    if (compatible || mapped || nat64) {
      return Optional.of(toInt(b, 12));
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return Optional.of(toInt(b, 2));
    }
    return Optional.empty();
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static int toInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }

  private static Range4 range(String network, int bits, String name) {
    try {
      return new Range4(toInt(InetAddress.getByName(network).getAddress(), 0), bits, name);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
