package org.netservof.rest.floodlight;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.match.MatchFields;

/**
 * A Loxi {@link Match} as Floodlight writes it: one key per field set (Floodlight's MatchUtils names), every
 * value a string in Loxi's own format ({@code "0x800"}, {@code "10.0.0.1"}), masked fields as
 * {@code value/mask}; a match-all is {@code {}}.
 */
final class MatchJson {
  /** Floodlight's names where they differ from Loxi's lower-cased enum names. */
  private static final Map<MatchFields, String> NAMES = Map.ofEntries(
      Map.entry(MatchFields.IN_PHY_PORT, "in_phys_port"),
      Map.entry(MatchFields.VLAN_VID, "eth_vlan_vid"),
      Map.entry(MatchFields.VLAN_PCP, "eth_vlan_pcp"),
      Map.entry(MatchFields.ARP_OP, "arp_opcode"),
      Map.entry(MatchFields.IPV6_FLABEL, "ipv6_label"),
      Map.entry(MatchFields.OVS_TCP_FLAGS, "tcp_flags"),
      Map.entry(MatchFields.BSN_TCP_FLAGS, "tcp_flags"));

  private MatchJson() {}

  /** Floodlight's key for a match field (also used in {@code set_field=KEY->VALUE} action strings). */
  static String key(MatchFields field) {
    return NAMES.getOrDefault(field, field.name().toLowerCase(Locale.ROOT));
  }

  static Map<String, String> toJson(Match match) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MatchField<?> field : match.getMatchFields()) {
      out.put(key(field.id), value(match, field));
    }
    return out;
  }

  private static <T extends org.projectfloodlight.openflow.types.OFValueType<T>> String value(Match match,
      MatchField<T> field) {
    if (match.isExact(field)) {
      return String.valueOf(match.get(field));
    }
    var masked = match.getMasked(field);
    return masked == null ? "" : masked.getValue() + "/" + masked.getMask();
  }
}
