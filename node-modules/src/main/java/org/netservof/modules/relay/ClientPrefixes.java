package org.netservof.modules.relay;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may allocate: the {@code clients} property, IPv4 prefixes ({@code 10.0.0.0/24,192.0.2.7/32}, at most
 * {@value #MAX}), so the relay serves the publisher's users and is no open relay for anyone who reaches the node.
 * Default {@code 0.0.0.0/0}: anyone.
 */
record ClientPrefixes(List<int[]> prefixes) {
  static final int MAX = 32;

  ClientPrefixes {
    prefixes = List.copyOf(prefixes);
  }

  static ClientPrefixes of(String text) {
    String[] parts = text.split(",", MAX + 1);
    if (parts.length > MAX) {
      throw new IllegalArgumentException("property clients: at most " + MAX + " prefixes");
    }
    List<int[]> prefixes = new ArrayList<>();
    for (String part : parts) {
      prefixes.add(prefix(part.trim(), text));
    }
    return new ClientPrefixes(prefixes);
  }

  /** {address as int, mask}, the address's host bits cleared. */
  private static int[] prefix(String part, String text) {
    String[] addressAndLength = part.split("/", -1);
    if (addressAndLength.length != 2 || !addressAndLength[1].matches("\\d{1,2}")
        || Integer.parseInt(addressAndLength[1]) > 32) {
      throw new IllegalArgumentException("property clients: '" + text + "' must be IPv4 prefixes A.B.C.D/LEN");
    }
    int length = Integer.parseInt(addressAndLength[1]);
    int mask = length == 0 ? 0 : -1 << (32 - length);
    InetAddress address = RelaySettings.ipv4("clients", addressAndLength[0]);
    return new int[] {ByteBuffer.wrap(address.getAddress()).getInt() & mask, mask};
  }

  boolean contains(InetAddress address) {
    if (!(address instanceof Inet4Address)) {
      return false;
    }
    int a = ByteBuffer.wrap(address.getAddress()).getInt();
    return prefixes.stream().anyMatch(p -> (a & p[1]) == p[0]);
  }
}
