package org.netservof.rest.floodlight.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.TableId;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.VlanVid;

class FloodlightSyntaxTest {
  private static final OFFactory F13 = OFFactories.getFactory(OFVersion.OF_13);
  private static final OFFactory F10 = OFFactories.getFactory(OFVersion.OF_10);

  @Test
  void matchFieldsGetFloodlightsNamesAndLoxisValueFormats() {
    var match = F13.buildMatch()
        .setExact(MatchField.IN_PORT, OFPort.of(1))
        .setExact(MatchField.ETH_TYPE, EthType.IPv4)
        .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(10))
        .setExact(MatchField.IP_PROTO, IpProtocol.UDP)
        .setMasked(MatchField.IPV4_DST, IPv4Address.of("10.0.0.0").withMaskOfLength(24))
        .setExact(MatchField.UDP_DST, TransportPort.of(5060))
        .build();

    assertThat(MatchFields.toJson(match)).containsOnly(
        entry("in_port", "1"), entry("eth_type", "0x800"), entry("eth_vlan_vid", "0x100a"),
        entry("ip_proto", "0x11"), entry("ipv4_dst", "10.0.0.0/255.255.255.0"), entry("udp_dst", "5060"));
  }

  @Test
  void aMatchAllIsAnEmptyObject() {
    assertThat(MatchFields.toJson(F13.matchWildcardAll())).isEmpty();
    assertThat(MatchFields.toJson(F10.matchWildcardAll())).isEmpty();
  }

  @Test
  void anOpenFlow10MatchUsesTheSameNames() {
    var match = F10.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(2))
        .setExact(MatchField.ETH_SRC, MacAddress.of("00:00:00:00:00:03")).build();
    assertThat(MatchFields.toJson(match)).containsOnly(entry("in_port", "2"), entry("eth_src", "00:00:00:00:00:03"));
  }

  @Test
  void instructionsWithoutActionsAndOtherKinds() {
    assertThat(Instructions.toJson(List.of())).isEqualTo(Map.of("none", "drop"));
    assertThat(Instructions.toJson(List.of(F13.instructions().applyActions(List.of()),
        F13.instructions().gotoTable(TableId.of(1)), F13.instructions().clearActions())))
        .containsExactly(entry("instruction_apply_actions", Map.of("none", "drop")),
            entry("instruction_goto_table", Map.of("instruction_goto_table", "1")),
            entry("instruction_clear_actions", Map.of()));
  }

  /** Every action this class reads, as it writes it: text to actions to text, and actions to text to actions. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "OF_13 | output=2", "OF_13 | output=local", "OF_13 | output=controller", "OF_13 | output=in_port",
      "OF_13 | group=1", "OF_13 | group=4026531841", "OF_13 | group=any", "OF_13 | pop_vlan",
      "OF_13 | push_vlan=33024", "OF_13 | set_queue=3", "OF_13 | set_ip_ttl=64", "OF_13 | dec_ip_ttl",
      "OF_13 | copy_ip_ttl_in", "OF_13 | copy_ip_ttl_out", "OF_13 | set_mpls_ttl=5", "OF_13 | dec_mpls_ttl",
      "OF_13 | push_mpls=34887", "OF_13 | pop_mpls=2048", "OF_13 | push_pbb=35047", "OF_13 | pop_pbb",
      "OF_13 | set_field=eth_vlan_vid->7", "OF_13 | set_field=eth_type->2048",
      "OF_13 | set_field=eth_dst->00:00:00:00:00:02", "OF_13 | set_field=ipv4_src->10.0.0.1",
      "OF_13 | set_field=tcp_dst->80", "OF_13 | set_field=ip_dscp->46", "OF_13 | set_field=mpls_label->0x00000010",
      "OF_13 | output=3,set_field=eth_src->00:00:00:00:00:01,group=2",
      "OF_11 | set_mpls_label=16", "OF_11 | set_mpls_tc=3",
      "OF_10 | output=flood", "OF_10 | enqueue=2:0x1", "OF_10 | strip_vlan", "OF_10 | set_vlan_vid=5",
      "OF_10 | set_vlan_pcp=3", "OF_10 | set_eth_src=00:00:00:00:00:01", "OF_10 | set_eth_dst=00:00:00:00:00:02",
      "OF_10 | set_ipv4_src=10.0.0.1", "OF_10 | set_ipv4_dst=10.0.0.2", "OF_10 | set_ip_tos=16",
      "OF_10 | set_tp_src=80", "OF_10 | set_tp_dst=443"})
  void everyActionReadsAndWritesBothWays(OFVersion version, String text) {
    OFFactory f = OFFactories.getFactory(version);
    List<OFAction> actions = ActionStrings.parse("actions", text, f);
    assertThat(ActionStrings.of(actions)).isEqualTo(text);
    assertThat(ActionStrings.parse("actions", ActionStrings.of(actions), f)).isEqualTo(actions);
  }

  /**
   * Every match key, exact and some masked, with the fields it needs (Loxi lists no field whose prerequisites
   * are missing): text to match to text, and match to text to match.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "OF_13 | in_port | 1 |", "OF_13 | in_port | local |", "OF_13 | in_phys_port | 2 | in_port=1",
      "OF_13 | eth_dst | 00:00:00:00:00:02 |", "OF_13 | eth_dst | 0a:00:00:00:00:00/ff:00:00:00:00:00 |",
      "OF_13 | eth_src | 00:00:00:00:00:01 |", "OF_13 | eth_type | 0x800 |", "OF_13 | eth_vlan_vid | 0x1007 |",
      "OF_13 | eth_vlan_pcp | 0x3 | eth_vlan_vid=0x1007", "OF_13 | ip_proto | 0x11 | eth_type=0x800",
      "OF_13 | ip_dscp | 46 | eth_type=0x800", "OF_13 | ip_ecn | 2 | eth_type=0x800",
      "OF_13 | ipv4_src | 10.0.0.1 | eth_type=0x800", "OF_13 | ipv4_dst | 10.0.0.0/255.255.255.0 | eth_type=0x800",
      "OF_13 | ipv6_src | 2001:db8::1 | eth_type=0x86dd", "OF_13 | ipv6_dst | 2001:db8::/ffff:ffff:: | eth_type=0x86dd",
      "OF_13 | ipv6_label | 0x12345 | eth_type=0x86dd", "OF_13 | ipv6_exthdr | 0x0004 | eth_type=0x86dd",
      "OF_13 | ipv6_nd_target | fe80::1 | eth_type=0x86dd;ip_proto=58;icmpv6_type=135",
      "OF_13 | ipv6_nd_sll | 00:00:00:00:00:03 | eth_type=0x86dd;ip_proto=58;icmpv6_type=135",
      "OF_13 | ipv6_nd_tll | 00:00:00:00:00:04 | eth_type=0x86dd;ip_proto=58;icmpv6_type=136",
      "OF_13 | tcp_src | 80 | eth_type=0x800;ip_proto=6", "OF_13 | tcp_dst | 443 | eth_type=0x800;ip_proto=6",
      "OF_13 | udp_src | 53 | eth_type=0x800;ip_proto=17", "OF_13 | udp_dst | 5060 | eth_type=0x800;ip_proto=17",
      "OF_13 | sctp_src | 9 | eth_type=0x800;ip_proto=132", "OF_13 | sctp_dst | 10 | eth_type=0x800;ip_proto=132",
      "OF_13 | icmpv4_type | 8 | eth_type=0x800;ip_proto=1", "OF_13 | icmpv4_code | 0 | eth_type=0x800;ip_proto=1",
      "OF_13 | icmpv6_type | 0x87 | eth_type=0x86dd;ip_proto=58",
      "OF_13 | icmpv6_code | 0x00 | eth_type=0x86dd;ip_proto=58",
      "OF_13 | arp_opcode | 1 | eth_type=0x806", "OF_13 | arp_sha | 00:00:00:00:00:05 | eth_type=0x806",
      "OF_13 | arp_tha | 00:00:00:00:00:06 | eth_type=0x806", "OF_13 | arp_spa | 10.0.0.5 | eth_type=0x806",
      "OF_13 | arp_tpa | 10.0.0.6 | eth_type=0x806", "OF_13 | mpls_label | 0x00000010 | eth_type=0x8847",
      "OF_13 | mpls_tc | 0x03 | eth_type=0x8847", "OF_13 | mpls_bos | true | eth_type=0x8847",
      "OF_13 | metadata | 0x0000000000001234 |", "OF_13 | metadata | 0x0000000000001200/0x000000000000ff00 |",
      "OF_13 | tunnel_id | 0x0000000000000042 |", "OF_15 | tcp_flags | 0x0012 | eth_type=0x800;ip_proto=6",
      "OF_10 | in_port | 3 |", "OF_10 | eth_src | 00:00:00:00:00:01 |",
      "OF_10 | ipv4_dst | 10.0.0.0/255.255.255.0 | eth_type=0x800"})
  void everyMatchFieldReadsAndWritesBothWays(OFVersion version, String key, String text, String needs) {
    OFFactory f = OFFactories.getFactory(version);
    Match match = match(f, needs, key, text);
    String written = MatchFields.toJson(match).get(key);
    assertThat(written).isEqualTo(text);
    assertThat(match(f, needs, key, written)).isEqualTo(match);
  }

  private static Match match(OFFactory f, String needs, String key, String text) {
    Match.Builder b = f.buildMatch();
    for (String kv : needs == null ? new String[0] : needs.split(";")) {
      MatchFields.byKey(kv.split("=")[0]).orElseThrow().apply(b, kv.split("=")[1]);
    }
    MatchFields.byKey(key).orElseThrow().apply(b, text);
    return b.build();
  }

  @Test
  void theVendorsTcpFlagsFieldsAreFloodlightsTcpFlags() {
    assertThat(MatchFields.keyOf(MatchField.OVS_TCP_FLAGS)).isEqualTo("tcp_flags");
    assertThat(MatchFields.keyOf(MatchField.BSN_TCP_FLAGS)).isEqualTo("tcp_flags");
  }

  @Test
  void unknownActionsAndValuesAreRefusedNamingThem() {
    assertThatThrownBy(() -> ActionStrings.parse("actions", "teleport=2", F13)).hasMessageContaining("teleport");
    assertThatThrownBy(() -> ActionStrings.parse("actions", "output=two", F13)).hasMessageContaining("two");
    assertThatThrownBy(() -> ActionStrings.parse("actions", "group=1", F10)).hasMessageContaining("not supported");
    assertThatThrownBy(() -> ActionStrings.parse("actions", "set_eth_dst=zz", F13))
        .hasMessageContaining("'zz' is not a MAC address");
  }

  @Test
  void actionsBecomeFloodlightsCommaSeparatedString() {
    var a = F13.actions();
    assertThat(ActionStrings.of(List.of(a.output(OFPort.of(3), 0xffff)))).isEqualTo("output=3");
    assertThat(ActionStrings.of(List.of(a.output(OFPort.CONTROLLER, 0xffff)))).isEqualTo("output=controller");
    assertThat(ActionStrings.of(List.of(a.group(OFGroup.of(1))))).isEqualTo("group=1");
    assertThat(ActionStrings.of(List.of(
        a.setField(F13.oxms().ethDst(MacAddress.of("00:00:00:00:00:02"))),
        a.setField(F13.oxms().vlanVid(OFVlanVidMatch.ofVlan(7))),
        a.pushVlan(EthType.VLAN_FRAME), a.popVlan(), a.decNwTtl(), a.output(OFPort.LOCAL, 0))))
        .isEqualTo("set_field=eth_dst->00:00:00:00:00:02,set_field=eth_vlan_vid->7,push_vlan=33024,pop_vlan,"
            + "dec_ip_ttl,output=local");
  }

  @Test
  void openFlow10ActionsHaveTheirOwnNames() {
    var a = F10.actions();
    assertThat(ActionStrings.of(List.of(a.setVlanVid(VlanVid.ofVlan(5)), a.stripVlan(),
        a.setDlDst(MacAddress.of("00:00:00:00:00:09")), a.setNwDst(IPv4Address.of("10.0.0.9")),
        a.output(OFPort.FLOOD, 0))))
        .isEqualTo("set_vlan_vid=5,strip_vlan,set_eth_dst=00:00:00:00:00:09,set_ipv4_dst=10.0.0.9,output=flood");
  }
}
