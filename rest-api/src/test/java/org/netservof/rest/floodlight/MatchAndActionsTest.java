package org.netservof.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
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

class MatchAndActionsTest {
  private final OFFactory f13 = OFFactories.getFactory(OFVersion.OF_13);
  private final OFFactory f10 = OFFactories.getFactory(OFVersion.OF_10);

  @Test
  void matchFieldsGetFloodlightsNamesAndLoxisValueFormats() {
    var match = f13.buildMatch()
        .setExact(MatchField.IN_PORT, OFPort.of(1))
        .setExact(MatchField.ETH_TYPE, EthType.IPv4)
        .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(10))
        .setExact(MatchField.IP_PROTO, IpProtocol.UDP)
        .setMasked(MatchField.IPV4_DST, IPv4Address.of("10.0.0.0").withMaskOfLength(24))
        .setExact(MatchField.UDP_DST, TransportPort.of(5060))
        .build();

    assertThat(MatchJson.toJson(match)).containsOnly(
        entry("in_port", "1"), entry("eth_type", "0x800"), entry("eth_vlan_vid", "0x100a"),
        entry("ip_proto", "0x11"), entry("ipv4_dst", "10.0.0.0/255.255.255.0"), entry("udp_dst", "5060"));
  }

  @Test
  void aMatchAllIsAnEmptyObject() {
    assertThat(MatchJson.toJson(f13.matchWildcardAll())).isEmpty();
    assertThat(MatchJson.toJson(f10.matchWildcardAll())).isEmpty();
  }

  @Test
  void anOpenFlow10MatchUsesTheSameNames() {
    var match = f10.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(2))
        .setExact(MatchField.ETH_SRC, MacAddress.of("00:00:00:00:00:03")).build();
    assertThat(MatchJson.toJson(match)).containsOnly(entry("in_port", "2"), entry("eth_src", "00:00:00:00:00:03"));
  }

  @Test
  void actionsBecomeFloodlightsCommaSeparatedString() {
    var a = f13.actions();
    assertThat(ActionStrings.of(List.of(a.output(OFPort.of(3), 0xffff)))).isEqualTo("output=3");
    assertThat(ActionStrings.of(List.of(a.output(OFPort.CONTROLLER, 0xffff)))).isEqualTo("output=controller");
    assertThat(ActionStrings.of(List.of(a.group(OFGroup.of(1))))).isEqualTo("group=1");
    assertThat(ActionStrings.of(List.of(
        a.setField(f13.oxms().ethDst(MacAddress.of("00:00:00:00:00:02"))),
        a.setField(f13.oxms().vlanVid(OFVlanVidMatch.ofVlan(7))),
        a.pushVlan(EthType.VLAN_FRAME), a.popVlan(), a.decNwTtl(), a.output(OFPort.LOCAL, 0))))
        .isEqualTo("set_field=eth_dst->00:00:00:00:00:02,set_field=eth_vlan_vid->7,push_vlan=33024,pop_vlan,"
            + "dec_ip_ttl,output=local");
  }

  @Test
  void openFlow10ActionsHaveTheirOwnNames() {
    var a = f10.actions();
    assertThat(ActionStrings.of(List.of(a.setVlanVid(VlanVid.ofVlan(5)), a.stripVlan(),
        a.setDlDst(MacAddress.of("00:00:00:00:00:09")), a.setNwDst(IPv4Address.of("10.0.0.9")),
        a.output(OFPort.FLOOD, 0))))
        .isEqualTo("set_vlan_vid=5,strip_vlan,set_eth_dst=00:00:00:00:00:09,set_ipv4_dst=10.0.0.9,output=flood");
  }
}
