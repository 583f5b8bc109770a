package org.netservof.rest.floodlight;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.netservof.controller.api.fabric.Host;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.VlanVid;

/**
 * The filters of Floodlight's {@code /wm/device/}: exact {@code mac, vlan, ipv4, ipv6, dpid, port} and the
 * prefix filters {@code <name>__startswith} on the values as written in the response, all ANDed. Values are
 * checked once, here; a bad one is refused with Floodlight's message (400).
 */
record DeviceQuery(Optional<MacAddress> mac, OptionalInt vlan, Optional<IPv4Address> ipv4,
    Optional<IPv6Address> ipv6, Optional<DatapathId> dpid, OptionalInt port, Map<String, String> startsWith) {

  static final String MAC_ERROR =
      "Invalid MAC address: must be a 48-bit quantity, expressed in hex as AA:BB:CC:DD:EE:FF";
  static final String VLAN_ERROR = "Invalid VLAN: must be an integer in the range 0-4095";
  static final String IPV4_ERROR = "Invalid IPv4 address: must be in dotted decimal format, 234.0.59.1";
  static final String IPV6_ERROR = "Invalid IPv6 address: must be a valid IPv6 format.";
  static final String DPID_ERROR =
      "Invalid Switch DPID: must be a 64-bit quantity, expressed in hex as AA:BB:CC:DD:EE:FF:00:11";
  static final String PORT_ERROR = "Invalid Port: must be a positive integer";
  /** The fields a prefix filter may name. */
  static final List<String> PREFIXABLE = List.of("mac", "vlan", "ipv4", "ipv6", "dpid", "port");

  DeviceQuery {
    startsWith = Map.copyOf(startsWith);
  }

  /** Reads the query parameters; absent or empty ones filter nothing. */
  static DeviceQuery parse(Map<String, String> params) {
    Map<String, String> prefixes = new LinkedHashMap<>();
    for (String name : PREFIXABLE) {
      String v = params.get(name + "__startswith");
      if (v != null && !v.isEmpty()) {
        prefixes.put(name, v);
      }
    }
    return new DeviceQuery(
        value(params, "mac", MAC_ERROR, MacAddress::of),
        intValue(params, "vlan", VLAN_ERROR, 0, 4095),
        value(params, "ipv4", IPV4_ERROR, IPv4Address::of),
        value(params, "ipv6", IPV6_ERROR, IPv6Address::of),
        value(params, "dpid", DPID_ERROR, FloodlightIds::parseDpid),
        intValue(params, "port", PORT_ERROR, 0, Integer.MAX_VALUE),
        prefixes);
  }

  boolean matches(Host h) {
    return mac.map(m -> m.equals(h.mac())).orElse(true)
        && (vlan.isEmpty() || h.vlan().orElse(0) == vlan.getAsInt())
        && ipv4.map(a -> h.ipv4().contains(a)).orElse(true)
        && ipv6.isEmpty() // the controller learns no IPv6 addresses: an IPv6 filter matches no host
        && dpid.map(d -> d.equals(h.attachment().dpid())).orElse(true)
        && (port.isEmpty() || h.attachment().port().getPortNumber() == port.getAsInt())
        && startsWith.entrySet().stream().allMatch(e -> written(h, e.getKey()).stream()
            .anyMatch(v -> v.startsWith(e.getValue())));
  }

  /** The values of a field as the response writes them, which the prefix filters compare with. */
  static List<String> written(Host h, String field) {
    return switch (field) {
      case "mac" -> List.of(h.mac().toString());
      case "vlan" -> List.of(vlanText(h.vlan()));
      case "ipv4" -> h.ipv4().stream().map(IPv4Address::toString).sorted().toList();
      case "dpid" -> List.of(h.attachment().dpid().toString());
      case "port" -> List.of(h.attachment().port().toString());
      default -> List.of();
    };
  }

  /** Floodlight's VLAN text: {@code 0xa}; untagged is {@code 0x0}. */
  static String vlanText(OptionalInt vlan) {
    return VlanVid.ofVlan(vlan.orElse(0)).toString();
  }

  private static <T> Optional<T> value(Map<String, String> params, String name, String error,
      java.util.function.Function<String, T> parse) {
    String text = params.get(name);
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text.strip()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(error);
    }
  }

  private static OptionalInt intValue(Map<String, String> params, String name, String error, int min, int max) {
    String text = params.get(name);
    if (text == null || text.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int v = Integer.parseInt(text.strip());
      if (v < min || v > max) {
        throw new IllegalArgumentException(error);
      }
      return OptionalInt.of(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(error);
    }
  }
}
