package org.netservof.protocol.node;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports a user's modules may listen on at a node's service address, from the user's {@code listen-ports}
 * ({@code udp:3478}, {@code tcp:8080}): the controller sends it with each install, and the node agent opens a
 * listening socket for a module only when its user's grant names that protocol and port. Nothing is implied: an
 * empty grant permits nothing, and a port is granted for one protocol only.
 *
 * @param ports the granted protocol and port pairs, in the order the configuration gave them
 */
public record ListenGrant(List<Port> ports) {
  /** A user may list a few ports, not a range of thousands: each is a socket the root agent opens. */
  public static final int MAX_PORTS = 64;
  private static final Pattern ENTRY = Pattern.compile("(udp|tcp):([0-9]{1,5})");

  /** A protocol ({@code udp} or {@code tcp}) and a port, 1 to 65535. */
  public record Port(String protocol, int port) {
    public Port {
      if (!"udp".equals(protocol) && !"tcp".equals(protocol)) {
        throw new IllegalArgumentException("listen protocol must be udp or tcp, not '" + protocol + "'");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("listen port must be 1 to 65535, not " + port);
      }
    }

    @Override
    public String toString() {
      return protocol + ":" + port;
    }
  }

  public static final ListenGrant NONE = new ListenGrant(List.of());

  public ListenGrant {
    ports = List.copyOf(ports);
  }

  /**
   * Reads {@code listen-ports} entries; null (a configuration or an older controller without the key) is none.
   *
   * @throws IllegalArgumentException naming the entry that is not {@code udp:PORT} or {@code tcp:PORT}
   */
  public static ListenGrant parse(List<String> entries) {
    return entries == null ? NONE
        : new ListenGrant(GrantEntries.parse(entries, "listen-ports", MAX_PORTS, ListenGrant::port));
  }

  private static Port port(String entry) {
    Matcher m = entry == null ? null : ENTRY.matcher(entry.toLowerCase(Locale.ROOT));
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("listen-ports: '" + entry + "' is not udp:PORT or tcp:PORT");
    }
    try {
      return new Port(m.group(1), Integer.parseInt(m.group(2)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("listen-ports: '" + entry + "': " + e.getMessage(), e);
    }
  }

  /** The entries as {@code listen-ports} spells them, for the node channel and the API. */
  public List<String> entries() {
    return ports.stream().map(Port::toString).toList();
  }

  /**
   * Checks a module's request to listen.
   *
   * @throws SecurityException in the user's words: which port was asked for, and which the grant names
   */
  public void check(String user, String protocol, int port) {
    boolean granted = ports.stream().anyMatch(p -> p.protocol().equals(protocol) && p.port() == port);
    if (!granted) {
      throw new SecurityException("user '" + user + "' may not listen on " + protocol + ":" + port
          + (ports.isEmpty() ? ": the user's listen-ports grant is empty"
              : ": the user's listen-ports grant names only " + String.join(", ", entries())));
    }
  }
}
