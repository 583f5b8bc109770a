package org.netservof.policy.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

class ArpFramesTest {
  private final ArpHeader request = new ArpHeader(ArpHeader.REQUEST, MacAddress.of("0a:00:00:00:00:01"),
      IPv4Address.of("10.0.0.1"), MacAddress.NONE, IPv4Address.of("10.0.0.2"));

  @Test
  void theReplyParsesBackAsTheAnswer() throws Exception {
    MacAddress h2 = MacAddress.of("0a:00:00:00:00:02");
    EthernetFrame reply = EthernetFrame.parse(ArpFrames.reply(request, h2, OptionalInt.empty()));
    assertThat(reply.dst()).isEqualTo(request.senderMac());
    assertThat(reply.src()).isEqualTo(h2);
    ArpHeader arp = reply.arp().orElseThrow();
    assertThat(arp.opcode()).isEqualTo(ArpHeader.REPLY);
    assertThat(arp.senderMac()).isEqualTo(h2);
    assertThat(arp.senderIp()).isEqualTo(IPv4Address.of("10.0.0.2"));
    assertThat(arp.targetMac()).isEqualTo(request.senderMac());
    assertThat(arp.targetIp()).isEqualTo(IPv4Address.of("10.0.0.1"));
  }

  @Test
  void aTaggedRequestGetsATaggedReply() throws Exception {
    EthernetFrame reply = EthernetFrame.parse(ArpFrames.reply(request, MacAddress.of("0a:00:00:00:00:02"),
        OptionalInt.of(42)));
    assertThat(reply.vlanId()).hasValue(42);
    assertThat(reply.arp()).isPresent();
  }

  @Test
  void gratuitousArpIsRecognised() {
    assertThat(ArpFrames.isGratuitous(request)).isFalse();
    assertThat(ArpFrames.isGratuitous(new ArpHeader(1, request.senderMac(), request.senderIp(), MacAddress.NONE,
        request.senderIp()))).isTrue();
  }
}
