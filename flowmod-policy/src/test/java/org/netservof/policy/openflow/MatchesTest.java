package org.netservof.policy.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TransportPort;

class MatchesTest {
  @Test
  void extendingAMatchKeepsItsFields() {
    OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
    Match base = f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1))
        .setExact(MatchField.ETH_TYPE, EthType.IPv4).setExact(MatchField.IP_PROTO, IpProtocol.UDP)
        .setMasked(MatchField.IPV4_DST, IPv4Address.of("10.0.0.0"), IPv4Address.of("255.255.255.0")).build();
    Match extended = Matches.extend(f, base)
        .setMasked(MatchField.UDP_SRC, TransportPort.of(3), TransportPort.of(0xf)).build();
    assertThat(extended.get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
    assertThat(extended.getMasked(MatchField.IPV4_DST).getMask()).isEqualTo(IPv4Address.of("255.255.255.0"));
    assertThat(extended.getMasked(MatchField.UDP_SRC).getValue()).isEqualTo(TransportPort.of(3));
    assertThat(extended.getMatchFields()).hasSize(5);
  }
}
