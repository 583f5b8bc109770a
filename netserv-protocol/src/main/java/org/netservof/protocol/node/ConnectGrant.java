package org.netservof.protocol.node;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a user's modules may open TCP connections from a node's service address, from the user's {@code
 * connect-to} ({@code 10.0.0.0/24:80}, {@code 10.0.0.7/32:8000-8100}): the node agent connects for a module only
 * to an address and port a rule names. Nothing is implied: an empty grant permits nothing. Loopback, link-local,
 * multicast and {@code 0.0.0.0/8} are refused whatever the grant ({@link #check}); the node's own management
 * network is refused by the agent, which alone knows it.
 *
 * @param rules the granted prefixes and port ranges, in the order the configuration gave them
 */
public record ConnectGrant(List<Rule> rules) {
  /** A user may list a few destinations, each checked at every connect. */
  public static final int MAX_RULES = 64;
  private static final Pattern ENTRY =
      Pattern.compile("([0-9]{1,3}(?:\\.[0-9]{1,3}){3})/([0-9]{1,2}):([0-9]{1,5})(?:-([0-9]{1,5}))?");
  /** Never a target: this host, link-local, the unspecified network, multicast and reserved (RFC 1122, 3927). */
  private static final List<Rule> RESERVED = List.of(
      new Rule(0x7f000000, 8, 1, 65535), new Rule(0xa9fe0000, 16, 1, 65535), new Rule(0, 8, 1, 65535),
      new Rule(0xe0000000, 3, 1, 65535));

  public static final ConnectGrant NONE = new ConnectGrant(List.of());

  /** An IPv4 prefix (network address and length) and a port range, 1 to 65535. */
  public record Rule(int network, int length, int fromPort, int toPort) {
    public Rule {
      if (length < 0 || length > 32) {
        throw new IllegalArgumentException("prefix length must be 0 to 32, not " + length);
      }
      if ((network & ~mask(length)) != 0) {
        throw new IllegalArgumentException("host bits set in " + dotted(network) + "/" + length);
      }
      if (fromPort < 1 || toPort > 65535 || fromPort > toPort) {
        throw new IllegalArgumentException("ports must be 1 to 65535, low to high, not " + fromPort + "-" + toPort);
      }
    }

    boolean covers(int address, int port) {
      return (address & mask(length)) == network && port >= fromPort && port <= toPort;
    }

    @Override
    public String toString() {
      return dotted(network) + "/" + length + ":" + fromPort + (toPort == fromPort ? "" : "-" + toPort);
    }
  }

  public ConnectGrant {
    rules = List.copyOf(rules);
  }

  /**
   * Reads {@code connect-to} entries; null (a configuration without the key) is none.
   *
   * @throws IllegalArgumentException naming the entry that is not {@code PREFIX:PORT} or {@code PREFIX:PORT-PORT}
   */
  public static ConnectGrant parse(List<String> entries) {
    return entries == null ? NONE
        : new ConnectGrant(GrantEntries.parse(entries, "connect-to", MAX_RULES, ConnectGrant::rule));
  }

  private static Rule rule(String entry) {
    Matcher m = entry == null ? null : ENTRY.matcher(entry);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("connect-to: '" + entry + "' is not PREFIX:PORT or PREFIX:PORT-PORT "
          + "(10.0.0.0/24:80)");
    }
    try {
      int from = Integer.parseInt(m.group(3));
      return new Rule(address(m.group(1)), Integer.parseInt(m.group(2)), from,
          m.group(4) == null ? from : Integer.parseInt(m.group(4)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("connect-to: '" + entry + "': " + e.getMessage(), e);
    }
  }

  private static int address(String dotted) {
    int value = 0;
    for (String part : dotted.split("\\.")) {
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  /** The entries as {@code connect-to} spells them. */
  public List<String> entries() {
    return rules.stream().map(Rule::toString).toList();
  }

  /**
   * Checks a module's request to connect.
   *
   * @throws SecurityException in the user's words: which address was asked for, and what the grant names
   */
  public void check(String user, InetAddress to, int port) {
    if (!(to instanceof Inet4Address)) {
      throw new SecurityException("user '" + user + "' may not connect to " + to.getHostAddress()
          + ": only IPv4 destinations can be granted");
    }
    int address = toInt(to);
    String target = to.getHostAddress() + ":" + port;
    if (RESERVED.stream().anyMatch(r -> r.covers(address, port))) {
      throw new SecurityException("user '" + user + "' may not connect to " + target
          + ": loopback, link-local, multicast and 0.0.0.0/8 are never granted");
    }
    if (rules.stream().noneMatch(r -> r.covers(address, port))) {
      throw new SecurityException("user '" + user + "' may not connect to " + target
          + (rules.isEmpty() ? ": the user's connect-to grant is empty"
              : ": the user's connect-to grant names only " + String.join(", ", entries())));
    }
  }

  /** Whether {@code to} lies in the prefix {@code network/length} (a node's management network, say). */
  public static boolean within(InetAddress to, InetAddress network, int length) {
    if (!(to instanceof Inet4Address) || !(network instanceof Inet4Address) || length < 0 || length > 32) {
      return false;
    }
    return (toInt(to) & mask(length)) == (toInt(network) & mask(length));
  }

  private static int toInt(InetAddress a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  private static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  private static String dotted(int a) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a})
          .getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }
}
