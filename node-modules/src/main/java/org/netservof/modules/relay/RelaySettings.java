package org.netservof.modules.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netservof.node.api.ModuleProperties;

/**
 * The relay's properties: {@code port} (the TURN port clients talk to, default 3478), {@code relay-ports}
 * (the ports handed out to allocations, {@code FIRST-LAST} or a comma list, default 49152-49159, at most
 * {@value #MAX_RELAY_PORTS}; each must be in the user's listen-ports grant, as {@code port} must),
 * {@code max-allocations} (default: one per relay port), {@code max-allocations-per-client} (per client IP,
 * default 2), {@code max-permissions} (peers and channels an allocation, default 16), {@code default-lifetime}
 * and {@code max-lifetime} (seconds, default 600 and 3600), and {@code relay-address}: the node's service
 * address, sent in XOR-RELAYED-ADDRESS; when absent the relay sends 0.0.0.0 and clients use the address they
 * sent the Allocate to (the module does not see its own address); {@code clients}: who may allocate
 * ({@link ClientPrefixes}).
 */
record RelaySettings(int port, List<Integer> relayPorts, int maxAllocations, int maxPerClient, int maxPermissions,
                     long defaultLifetimeSeconds, long maxLifetimeSeconds, InetAddress relayAddress,
                     ClientPrefixes clients) {
  static final int MAX_RELAY_PORTS = 32;
  private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*");

  RelaySettings {
    relayPorts = List.copyOf(relayPorts);
    if (relayPorts.contains(port)) {
      throw new IllegalArgumentException("property relay-ports must not contain the TURN port " + port);
    }
    if (maxAllocations > relayPorts.size()) {
      throw new IllegalArgumentException("property max-allocations (" + maxAllocations + ") must be at most the "
          + relayPorts.size() + " relay ports");
    }
    if (defaultLifetimeSeconds > maxLifetimeSeconds) {
      throw new IllegalArgumentException("property default-lifetime (" + defaultLifetimeSeconds
          + ") must be at most max-lifetime (" + maxLifetimeSeconds + ")");
    }
  }

  static RelaySettings of(Map<String, String> properties) {
    List<Integer> relayPorts = relayPorts(properties.getOrDefault("relay-ports", "49152-49159"));
    return new RelaySettings(ModuleProperties.port(properties, "port", 3478), relayPorts,
        ModuleProperties.positiveInt(properties, "max-allocations", relayPorts.size()),
        ModuleProperties.positiveInt(properties, "max-allocations-per-client", 2),
        ModuleProperties.positiveInt(properties, "max-permissions", 16),
        ModuleProperties.positiveLong(properties, "default-lifetime", 600),
        ModuleProperties.positiveLong(properties, "max-lifetime", 3600),
        properties.containsKey("relay-address") ? ipv4("relay-address", properties.get("relay-address"))
            : ipv4("relay-address", "0.0.0.0"),
        ClientPrefixes.of(properties.getOrDefault("clients", "0.0.0.0/0")));
  }

  /** {@code FIRST-LAST} or {@code P1,P2,...}: distinct ports, at most {@value #MAX_RELAY_PORTS}. */
  static List<Integer> relayPorts(String text) {
    List<Integer> ports = new ArrayList<>();
    Matcher range = RANGE.matcher(text);
    if (range.matches()) {
      int first = port(range.group(1));
      int last = port(range.group(2));
      if (last < first || last - first >= MAX_RELAY_PORTS) {
        throw new IllegalArgumentException("property relay-ports: '" + text + "' must be FIRST-LAST with at most "
            + MAX_RELAY_PORTS + " ports");
      }
      for (int p = first; p <= last; p++) {
        ports.add(p);
      }
      return ports;
    }
    for (String part : text.split(",", MAX_RELAY_PORTS + 1)) {
      int p = port(part.trim());
      if (ports.contains(p) || ports.size() == MAX_RELAY_PORTS) {
        throw new IllegalArgumentException("property relay-ports: '" + text + "' must list at most "
            + MAX_RELAY_PORTS + " distinct ports");
      }
      ports.add(p);
    }
    return ports;
  }

  private static int port(String text) {
    return ModuleProperties.port(Map.of("relay-ports", text), "relay-ports", 1);
  }

  /** An IPv4 address in dotted form, for {@code property}; anything else fails naming the property. */
  static InetAddress ipv4(String property, String text) {
    String[] parts = text.trim().split("\\.", -1);
    byte[] octets = new byte[4];
    for (int i = 0; i < 4 && parts.length == 4; i++) {
      if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
        break;
      }
      octets[i] = (byte) Integer.parseInt(parts[i]);
      if (i == 3) {
        try {
          return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e); // four bytes are always an address
        }
      }
    }
    throw new IllegalArgumentException("property " + property + " must be an IPv4 address, was '" + text + "'");
  }
}
