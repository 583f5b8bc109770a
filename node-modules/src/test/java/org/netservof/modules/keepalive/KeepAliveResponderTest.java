package org.netservof.modules.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;
import org.netservof.node.testing.Frames;
import org.netservof.node.testing.TestContext;

class KeepAliveResponderTest {
  private static final String UA_MAC = "02:00:00:00:00:01";
  private static final String SERVER_MAC = "02:00:00:00:00:02";
  private static final String KEEP_ALIVE = Frames.crlfResource("sip-keepalive.txt");

  private final KeepAliveResponder responder = new KeepAliveResponder();
  private final TestContext context = new TestContext(Map.of());

  @BeforeEach
  void start() {
    responder.start(context);
  }

  private static byte[] fromUa(String sip, int dstPort) {
    return Frames.udp(UA_MAC, SERVER_MAC, "10.0.0.1", "10.0.0.2", 5062, dstPort, 63,
        sip.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void answersARealKeepAliveOnTheServersBehalfAndDropsIt() {
    byte[] request = fromUa(KEEP_ALIVE, 5060);
    Verdict verdict = responder.process(Packet.wrap(request.clone(), request.length), context);

    assertThat(verdict).as("the keep-alive must not reach the server").isEqualTo(Verdict.DROP);
    assertThat(context.emitted()).hasSize(1);
    Packet reply = context.emitted().get(0);
    byte[] r = reply.data();
    assertThat(java.util.Arrays.copyOfRange(r, 0, 6)).isEqualTo(Frames.mac(UA_MAC));
    assertThat(java.util.Arrays.copyOfRange(r, 6, 12)).isEqualTo(Frames.mac(SERVER_MAC));
    assertThat(Packet.ipText(reply.ipSource())).isEqualTo("10.0.0.2");
    assertThat(Packet.ipText(reply.ipDestination())).isEqualTo("10.0.0.1");
    assertThat(reply.sourcePort()).isEqualTo(5060);
    assertThat(reply.destinationPort()).isEqualTo(5062);
    assertThat(reply.ttl()).isEqualTo(64);
    assertThat(ipChecksumHolds(r)).as("IPv4 header checksum").isTrue();
    String sip = reply.udpPayloadText();
    assertThat(reply.u16(16)).as("IPv4 total length").isEqualTo(20 + 8 + sip.length());
    assertThat(reply.u16(38)).as("UDP length").isEqualTo(8 + sip.length());
    assertThat(sip).isEqualTo("SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-524287-1---3f5c1d2e8b7a90c4;rport\r\n"
        + "From: <sip:alice@sip.example.net>;tag=8d3c1a2f\r\n"
        + "To: <sip:alice@sip.example.net>;tag=netserv-ka\r\n"
        + "Call-ID: 7b9e2f1c4d6a8e0b93c5a1f2@10.0.0.1\r\n"
        + "CSeq: 12 NOTIFY\r\n"
        + "Content-Length: 0\r\n\r\n");
    assertThat(responder.report()).containsEntry("answered", 1L);
  }

  @Test
  void understandsCompactHeadersAndKeepsAllViasInOrder() {
    String compact = "NOTIFY sip:sip.example.net SIP/2.0\r\n"
        + "v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa\r\n"
        + "Via: SIP/2.0/UDP 192.168.1.7:5060;branch=z9hG4bKb\r\n"
        + "f: <sip:bob@example.net>;tag=1\r\n"
        + "t: <sip:bob@example.net>;tag=2\r\n"
        + "i: abc@host\r\n"
        + "CSeq: 7 NOTIFY\r\n"
        + "o: Keep-Alive;id=3\r\n"
        + "l: 0\r\n\r\n";
    byte[] request = fromUa(compact, 5060);
    assertThat(responder.process(Packet.wrap(request, request.length), context)).isEqualTo(Verdict.DROP);
    assertThat(context.emitted().get(0).udpPayloadText()).isEqualTo("SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa\r\n"
        + "Via: SIP/2.0/UDP 192.168.1.7:5060;branch=z9hG4bKb\r\n"
        + "From: <sip:bob@example.net>;tag=1\r\n"
        + "To: <sip:bob@example.net>;tag=2\r\n"
        + "Call-ID: abc@host\r\n"
        + "CSeq: 7 NOTIFY\r\n"
        + "Content-Length: 0\r\n\r\n");
  }

  @Test
  void letsEverythingElseThroughUntouched() {
    String presence = KEEP_ALIVE.replace("Event: keep-alive", "Event: presence");
    String invite = KEEP_ALIVE.replace("NOTIFY sip:", "INVITE sip:").replace("12 NOTIFY", "12 INVITE");
    String noCallId = KEEP_ALIVE.replaceAll("Call-ID: [^\r]*\r\n", "");
    for (byte[] frame : new byte[][] {fromUa(presence, 5060), fromUa(invite, 5060), fromUa(KEEP_ALIVE, 5070),
        fromUa(noCallId, 5060), Frames.udp("10.0.0.1", "10.0.0.2", 64)}) {
      byte[] copy = frame.clone();
      assertThat(responder.process(Packet.wrap(copy, copy.length), context)).isEqualTo(Verdict.FORWARD);
      assertThat(copy).isEqualTo(frame);
    }
    assertThat(context.emitted()).isEmpty();
    assertThat(responder.report()).containsEntry("passed", 5L).containsEntry("malformed-keep-alives", 1L);
  }

  @Test
  void theSipPortIsAProperty() {
    KeepAliveResponder onOtherPort = new KeepAliveResponder();
    onOtherPort.start(new TestContext(Map.of("sip-port", "5070")));
    byte[] request = fromUa(KEEP_ALIVE, 5070);
    assertThat(onOtherPort.process(Packet.wrap(request, request.length), context)).isEqualTo(Verdict.DROP);
  }

  private static boolean ipChecksumHolds(byte[] frame) {
    int sum = 0;
    for (int i = 14; i < 34; i += 2) {
      sum += ((frame[i] & 0xff) << 8) | (frame[i + 1] & 0xff);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return sum == 0xffff;
  }
}
