package org.netservof.policy.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.BaseEncoding;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;

class EthernetFrameTest {
  // Captured from a Mininet host: h1 (10.0.0.1) asks who has 10.0.0.2.
  private static final byte[] ARP_REQUEST = hex(
      "ffffffffffff" + "0a0000000001" + "0806"
          + "0001" + "0800" + "06" + "04" + "0001" + "0a0000000001" + "0a000001" + "000000000000" + "0a000002");
  // 10.0.0.1:40000 -> 10.0.0.2:5060 UDP, TTL 64, 4 bytes of payload.
  private static final byte[] UDP_5060 = hex(
      "0a0000000002" + "0a0000000001" + "0800"
          + "45000020" + "00004000" + "4011" + "0000" + "0a000001" + "0a000002"
          + "9c4013c4" + "000c0000" + "deadbeef");

  @Test
  void parsesArpRequest() throws Exception {
    EthernetFrame frame = EthernetFrame.parse(ARP_REQUEST);
    assertThat(frame.isGroupDestination()).isTrue();
    assertThat(frame.etherType()).isEqualTo(EthType.ARP);
    ArpHeader arp = frame.arp().orElseThrow();
    assertThat(arp.isRequest()).isTrue();
    assertThat(arp.senderMac()).isEqualTo(MacAddress.of("0a:00:00:00:00:01"));
    assertThat(arp.senderIp()).isEqualTo(IPv4Address.of("10.0.0.1"));
    assertThat(arp.targetIp()).isEqualTo(IPv4Address.of("10.0.0.2"));
    assertThat(frame.ipv4()).isEmpty();
  }

  @Test
  void parsesUdpPorts() throws Exception {
    EthernetFrame frame = EthernetFrame.parse(UDP_5060);
    Ipv4Header ip = frame.ipv4().orElseThrow();
    assertThat(frame.isGroupDestination()).isFalse();
    assertThat(ip.protocol()).isEqualTo(IpProtocol.UDP);
    assertThat(ip.ttl()).isEqualTo(64);
    assertThat(ip.src()).isEqualTo(IPv4Address.of("10.0.0.1"));
    assertThat(ip.srcPort()).hasValue(40000);
    assertThat(ip.dstPort()).hasValue(5060);
  }

  @Test
  void readsTheVlanTagAndTheInnerEtherType() throws Exception {
    byte[] tagged = new byte[UDP_5060.length + 4];
    System.arraycopy(UDP_5060, 0, tagged, 0, 12);
    tagged[12] = (byte) 0x81;
    tagged[13] = 0x00;
    tagged[14] = 0x20; // PCP 1, VID 0x064 = 100
    tagged[15] = 0x64;
    System.arraycopy(UDP_5060, 12, tagged, 16, UDP_5060.length - 12);
    EthernetFrame frame = EthernetFrame.parse(tagged);
    assertThat(frame.vlanId()).hasValue(100);
    assertThat(frame.etherType()).isEqualTo(EthType.IPv4);
    assertThat(frame.ipv4().orElseThrow().dstPort()).hasValue(5060);
  }

  @Test
  void laterFragmentsCarryNoPorts() throws Exception {
    byte[] fragment = UDP_5060.clone();
    fragment[14 + 6] = 0x00;
    fragment[14 + 7] = 0x10; // fragment offset 16
    assertThat(EthernetFrame.parse(fragment).ipv4().orElseThrow().dstPort()).isEmpty();
  }

  @Test
  void refusesACutEthernetHeaderAndReadsACutArpOrIpv4HeaderAsPlainEthernet() throws Exception {
    assertThatThrownBy(() -> EthernetFrame.parse(new byte[10])).hasMessageContaining("Ethernet header");
    EthernetFrame cutArp = EthernetFrame.parse(Arrays.copyOf(ARP_REQUEST, 30));
    assertThat(cutArp.arp()).as("an ARP header cut short is no ARP").isEmpty();
    assertThat(cutArp.etherType()).isEqualTo(EthType.ARP);
    EthernetFrame cutIp = EthernetFrame.parse(Arrays.copyOf(UDP_5060, 25));
    assertThat(cutIp.ipv4()).as("an IPv4 header cut short is no IPv4").isEmpty();
    assertThat(cutIp.dst()).as("but the frame still has its addresses").isEqualTo(EthernetFrame.parse(UDP_5060).dst());
  }

  private static byte[] hex(String s) {
    return BaseEncoding.base16().lowerCase().decode(s);
  }
}
