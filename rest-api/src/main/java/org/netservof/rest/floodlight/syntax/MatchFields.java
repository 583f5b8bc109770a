package org.netservof.rest.floodlight.syntax;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.ICMPv4Code;
import org.projectfloodlight.openflow.types.ICMPv4Type;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv4AddressWithMask;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IPv6AddressWithMask;
import org.projectfloodlight.openflow.types.IPv6FlowLabel;
import org.projectfloodlight.openflow.types.IpDscp;
import org.projectfloodlight.openflow.types.IpEcn;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.Masked;
import org.projectfloodlight.openflow.types.OFBooleanValue;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U16;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.U8;
import org.projectfloodlight.openflow.types.VlanPcp;

/**
 * Floodlight's match keys (its MatchUtils names) and their values, declared once and used both ways: the
 * static entry pusher reads matches and {@code set_field} values with it; flow statistics and the static
 * entry list write matches with it. Values are written in Loxi's format ({@code "0x800"}, {@code "10.0.0.1"},
 * masked as {@code value/mask}), as Floodlight does, and every value written reads back to the same field.
 */
public final class MatchFields {

  /**
   * One key.
   *
   * @param key Floodlight's name
   * @param field Loxi's field
   * @param parse text to value; throws IllegalArgumentException naming the key
   */
  public record Spec<F extends OFValueType<F>>(String key, MatchField<F> field, Function<String, F> parse) {

    /** Sets {@code value} or {@code value/mask} (IPv4/IPv6 also as a prefix, {@code 10.0.0.0/24}). */
    public void apply(Match.Builder builder, String text) {
      int slash = text.indexOf('/');
      if (slash < 0) {
        builder.setExact(field, parse.apply(text));
      } else if (field == MatchField.IPV4_SRC || field == MatchField.IPV4_DST || field == MatchField.ARP_SPA
          || field == MatchField.ARP_TPA) {
        IPv4AddressWithMask m = Values.parsed(key, text, "an address with a prefix or mask", IPv4AddressWithMask::of);
        setMasked(builder, m.getValue(), m.getMask());
      } else if (field == MatchField.IPV6_SRC || field == MatchField.IPV6_DST) {
        IPv6AddressWithMask m = Values.parsed(key, text, "an address with a prefix or mask", IPv6AddressWithMask::of);
        setMasked(builder, m.getValue(), m.getMask());
      } else {
        builder.setMasked(field, parse.apply(text.substring(0, slash)), parse.apply(text.substring(slash + 1)));
      }
    }

    @SuppressWarnings("unchecked")
    private void setMasked(Match.Builder builder, Object value, Object mask) {
      builder.setMasked(field, (F) value, (F) mask);
    }
  }

  private static final List<Spec<?>> SPECS = List.of(
      spec("in_port", MatchField.IN_PORT, t -> Values.port("in_port", t)),
      spec("in_phys_port", MatchField.IN_PHY_PORT, t -> Values.port("in_phys_port", t)),
      spec("eth_dst", MatchField.ETH_DST, mac("eth_dst")),
      spec("eth_src", MatchField.ETH_SRC, mac("eth_src")),
      spec("eth_type", MatchField.ETH_TYPE, t -> EthType.of(Values.integer("eth_type", t, 0, 0xffff))),
      spec("eth_vlan_vid", MatchField.VLAN_VID, MatchFields::vlanVid),
      spec("eth_vlan_pcp", MatchField.VLAN_PCP, t -> VlanPcp.of((byte) Values.integer("eth_vlan_pcp", t, 0, 7))),
      spec("ip_proto", MatchField.IP_PROTO, t -> IpProtocol.of((short) Values.integer("ip_proto", t, 0, 255))),
      spec("ip_dscp", MatchField.IP_DSCP, t -> IpDscp.of((byte) Values.integer("ip_dscp", t, 0, 63))),
      spec("ip_ecn", MatchField.IP_ECN, t -> IpEcn.of((byte) Values.integer("ip_ecn", t, 0, 3))),
      spec("ipv4_src", MatchField.IPV4_SRC, ipv4("ipv4_src")),
      spec("ipv4_dst", MatchField.IPV4_DST, ipv4("ipv4_dst")),
      spec("ipv6_src", MatchField.IPV6_SRC, ipv6("ipv6_src")),
      spec("ipv6_dst", MatchField.IPV6_DST, ipv6("ipv6_dst")),
      spec("ipv6_label", MatchField.IPV6_FLABEL, t -> IPv6FlowLabel.of(Values.integer("ipv6_label", t, 0, 0xfffff))),
      spec("ipv6_nd_target", MatchField.IPV6_ND_TARGET, ipv6("ipv6_nd_target")),
      spec("ipv6_nd_sll", MatchField.IPV6_ND_SLL, mac("ipv6_nd_sll")),
      spec("ipv6_nd_tll", MatchField.IPV6_ND_TLL, mac("ipv6_nd_tll")),
      spec("tcp_src", MatchField.TCP_SRC, transport("tcp_src")),
      spec("tcp_dst", MatchField.TCP_DST, transport("tcp_dst")),
      spec("udp_src", MatchField.UDP_SRC, transport("udp_src")),
      spec("udp_dst", MatchField.UDP_DST, transport("udp_dst")),
      spec("sctp_src", MatchField.SCTP_SRC, transport("sctp_src")),
      spec("sctp_dst", MatchField.SCTP_DST, transport("sctp_dst")),
      spec("icmpv4_type", MatchField.ICMPV4_TYPE, t -> ICMPv4Type.of((short) Values.integer("icmpv4_type", t, 0, 255))),
      spec("icmpv4_code", MatchField.ICMPV4_CODE, t -> ICMPv4Code.of((short) Values.integer("icmpv4_code", t, 0, 255))),
      spec("icmpv6_type", MatchField.ICMPV6_TYPE, t -> U8.of((short) Values.integer("icmpv6_type", t, 0, 255))),
      spec("icmpv6_code", MatchField.ICMPV6_CODE, t -> U8.of((short) Values.integer("icmpv6_code", t, 0, 255))),
      spec("arp_opcode", MatchField.ARP_OP, t -> ArpOpcode.of(Values.integer("arp_opcode", t, 0, 0xffff))),
      spec("arp_sha", MatchField.ARP_SHA, mac("arp_sha")),
      spec("arp_tha", MatchField.ARP_THA, mac("arp_tha")),
      spec("arp_spa", MatchField.ARP_SPA, ipv4("arp_spa")),
      spec("arp_tpa", MatchField.ARP_TPA, ipv4("arp_tpa")),
      spec("mpls_label", MatchField.MPLS_LABEL, t -> U32.of(Values.number("mpls_label", t, 0, 0xfffff))),
      spec("mpls_tc", MatchField.MPLS_TC, t -> U8.of((short) Values.integer("mpls_tc", t, 0, 7))),
      spec("mpls_bos", MatchField.MPLS_BOS, t -> OFBooleanValue.of(Values.bool("mpls_bos", t))),
      spec("metadata", MatchField.METADATA, t -> OFMetadata.ofRaw(Values.unsigned64("metadata", t))),
      spec("tunnel_id", MatchField.TUNNEL_ID, t -> U64.of(Values.unsigned64("tunnel_id", t))),
      spec("tcp_flags", MatchField.TCP_FLAGS, t -> U16.of(Values.integer("tcp_flags", t, 0, 0xfff))),
      spec("ipv6_exthdr", MatchField.IPV6_EXTHDR, t -> U16.of(Values.integer("ipv6_exthdr", t, 0, 0x1ff))));
  private static final Map<String, Spec<?>> BY_KEY = SPECS.stream()
      .collect(Collectors.toUnmodifiableMap(Spec::key, s -> s));
  /** Floodlight's names by Loxi's field id; the vendors' TCP flags fields read as Floodlight's tcp_flags. */
  private static final Map<MatchField<?>, String> KEY_OF = keys();

  private MatchFields() {}

  public static Optional<Spec<?>> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** Floodlight's name for a Loxi field; Loxi's own name, lowercased, for a field Floodlight does not name. */
  public static String keyOf(MatchField<?> field) {
    return KEY_OF.getOrDefault(field, field.id.name().toLowerCase(Locale.ROOT));
  }

  /** A match as Floodlight writes it: one key per field set, in the match's order; a match-all is empty. */
  public static Map<String, String> toJson(Match match) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MatchField<?> field : match.getMatchFields()) {
      out.put(keyOf(field), valueOf(match, field));
    }
    return out;
  }

  /** A field's value as text that {@link Spec#parse} reads back (Loxi's enums for DSCP and ECN as numbers). */
  public static String text(Object value) {
    if (value instanceof IpDscp d) {
      return Byte.toString(d.getDscpValue());
    }
    if (value instanceof IpEcn e) {
      return Byte.toString(e.getEcnValue());
    }
    return String.valueOf(value);
  }

  private static <T extends OFValueType<T>> String valueOf(Match match, MatchField<T> field) {
    if (match.isExact(field)) {
      return text(match.get(field));
    }
    Masked<T> masked = match.getMasked(field);
    return masked == null ? "" : text(masked.getValue()) + "/" + text(masked.getMask());
  }

  private static Map<MatchField<?>, String> keys() {
    Map<MatchField<?>, String> keys = new java.util.HashMap<>();
    SPECS.forEach(s -> keys.put(s.field(), s.key()));
    keys.put(MatchField.OVS_TCP_FLAGS, "tcp_flags");
    keys.put(MatchField.BSN_TCP_FLAGS, "tcp_flags");
    return Map.copyOf(keys);
  }

  private static <F extends OFValueType<F>> Spec<F> spec(String key, MatchField<F> field, Function<String, F> parse) {
    return new Spec<>(key, field, parse);
  }

  private static Function<String, MacAddress> mac(String key) {
    return t -> Values.parsed(key, t, "a MAC address like 00:00:00:00:00:01", MacAddress::of);
  }

  private static Function<String, IPv4Address> ipv4(String key) {
    return t -> Values.parsed(key, t, "a dotted IPv4 address (prefix: a.b.c.d/n)", IPv4Address::of);
  }

  private static Function<String, IPv6Address> ipv6(String key) {
    return t -> Values.parsed(key, t, "an IPv6 address", IPv6Address::of);
  }

  private static Function<String, TransportPort> transport(String key) {
    return t -> TransportPort.of(Values.integer(key, t, 0, 0xffff));
  }

  /**
   * A VLAN id 1..4095 matches frames tagged with it; 0 (or {@code 0x0000}) matches untagged frames; a value
   * with the OpenFlow 1.3 present bit ({@code 0x1000}) is taken as the raw field, as Floodlight's list writes it.
   */
  private static OFVlanVidMatch vlanVid(String text) {
    int v = Values.integer("eth_vlan_vid", text, 0, 0x1fff);
    if (v == 0) {
      return OFVlanVidMatch.UNTAGGED;
    }
    return (v & 0x1000) != 0 ? OFVlanVidMatch.ofRawVid((short) v) : OFVlanVidMatch.ofVlan(v);
  }
}
