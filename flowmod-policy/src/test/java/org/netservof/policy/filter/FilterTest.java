package org.netservof.policy.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.packet.EthernetFrame;

class FilterTest {

  @Test
  void portRangesBecomeTheFewestPrefixes() {
    assertThat(PortRange.single(5060).prefixes()).containsExactly(new PortRange.Prefix(5060, 0xffff));
    assertThat(new PortRange(5056, 5063).prefixes()).containsExactly(new PortRange.Prefix(5056, 0xfff8));
    // 5060-5070: 5060-5063 (/14), 5064-5069 -> 5064-5067 (/14), 5068-5069 (/15), 5070 (/16)
    assertThat(new PortRange(5060, 5070).prefixes()).containsExactly(new PortRange.Prefix(5060, 0xfffc),
        new PortRange.Prefix(5064, 0xfffc), new PortRange.Prefix(5068, 0xfffe), new PortRange.Prefix(5070, 0xffff));
    assertThat(new PortRange(0, 65535).prefixes()).containsExactly(new PortRange.Prefix(0, 0));
    assertThat(new PortRange(1, 65534).prefixes()).hasSize(30);
  }

  @Test
  void everyRangeIsCoveredExactlyByItsPrefixes() {
    int[][] ranges = {{0, 0}, {1, 1}, {3, 17}, {1000, 1999}, {1024, 65535}, {65535, 65535}, {0, 1023}, {7, 8}};
    for (int[] r : ranges) {
      PortRange range = new PortRange(r[0], r[1]);
      for (int port = 0; port <= 0xffff; port++) {
        int p = port;
        long covering = range.prefixes().stream().filter(x -> (p & x.mask()) == x.value()).count();
        assertThat(covering).as("port %d in %s", port, range).isEqualTo(range.contains(port) ? 1 : 0);
      }
    }
  }

  @Test
  void impossibleFiltersAreRefusedWithAReason() {
    assertThatThrownBy(() -> Filter.of(Protocol.ICMP).withDstPorts(PortRange.single(5)))
        .hasMessage("a destination port needs protocol tcp or udp, not icmp");
    assertThatThrownBy(() -> Filter.of(Protocol.ANY).withDstPorts(PortRange.single(5)))
        .hasMessageContaining("needs protocol tcp or udp");
    assertThatThrownBy(() -> new PortRange(10, 5)).hasMessageContaining("empty");
    assertThatThrownBy(() -> new PortRange(0, 70000)).hasMessageContaining("0..65535");
    assertThatThrownBy(() -> Filter.of(Protocol.UDP).withDst("10.0.0.1/24"))
        .hasMessage("destination prefix 10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?");
    assertThatThrownBy(() -> Filter.of(Protocol.UDP).withSrc("10.0.0/24")).hasMessageContaining("not an IPv4 prefix");
    assertThatThrownBy(() -> Protocol.parse("sctp")).hasMessageContaining("not one of tcp, udp, icmp, any");
    assertThatThrownBy(() -> PortRange.parse("50a")).hasMessageContaining("not a number");
  }

  @Test
  void moreSpecificFiltersScoreHigher() {
    Filter allUdp = Filter.of(Protocol.UDP);
    Filter sip = allUdp.withDstPorts(PortRange.single(5060));
    Filter sipRange = allUdp.withDstPorts(new PortRange(5060, 5070));
    Filter sipToNet = sip.withDst("10.0.0.0/24");
    Filter sipToHost = sip.withDst("10.0.0.2/32");
    assertThat(Filter.of(Protocol.ANY).specificity()).isLessThan(allUdp.specificity());
    assertThat(allUdp.specificity()).isLessThan(sipRange.specificity());
    assertThat(sipRange.specificity()).isLessThan(sip.specificity());
    assertThat(sip.specificity()).isLessThan(sipToNet.specificity());
    assertThat(sipToNet.specificity()).isLessThan(sipToHost.specificity());
  }

  @Test
  void containmentForAuthorisation() {
    Filter allowed = Filter.of(Protocol.ANY).withDst("10.0.0.0/16");
    assertThat(Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060)).withDst("10.0.3.0/24").within(allowed))
        .isTrue();
    assertThat(Filter.of(Protocol.UDP).withDst("10.1.0.0/24").within(allowed)).isFalse();
    assertThat(Filter.of(Protocol.UDP).within(allowed)).as("no destination is wider than /16").isFalse();
    assertThat(Filter.of(Protocol.UDP).withDstPorts(new PortRange(1, 100))
        .within(Filter.of(Protocol.UDP).withDstPorts(new PortRange(1, 50)))).isFalse();
  }

  @Test
  void aFilterMatchesPacketsLikeTheSwitchWould() throws Exception {
    byte[] udp5060 = com.google.common.io.BaseEncoding.base16().lowerCase().decode(
        "0a00000000020a00000000010800" + "450000200000400040110000" + "0a0000010a000002" + "9c4013c4000c0000deadbeef");
    EthernetFrame frame = EthernetFrame.parse(udp5060);
    SwitchPort at = SwitchPort.of(1, 1);
    Filter sip = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));
    assertThat(sip.matches(frame, at)).isTrue();
    assertThat(sip.withDst("10.0.0.0/24").matches(frame, at)).isTrue();
    assertThat(sip.withSrc("10.9.0.0/16").matches(frame, at)).isFalse();
    assertThat(Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5061)).matches(frame, at)).isFalse();
    assertThat(Filter.of(Protocol.TCP).matches(frame, at)).isFalse();
    assertThat(sip.withIngress(Set.of(SwitchPort.of(1, 2))).matches(frame, at)).isFalse();
    assertThat(new Filter(Protocol.ANY, Optional.empty(), Optional.empty(), Optional.empty(), Set.of())
        .matches(frame, at)).isTrue();
  }

  @Test
  void textIsReadable() {
    assertThat(Filter.of(Protocol.UDP).withDstPorts(new PortRange(5060, 5061)).withDst("10.0.0.0/24"))
        .hasToString("udp dport 5060-5061 to 10.0.0.0/24");
    assertThat(List.of(Protocol.parse("TCP"), Protocol.parse(" any "))).containsExactly(Protocol.TCP, Protocol.ANY);
  }
}
