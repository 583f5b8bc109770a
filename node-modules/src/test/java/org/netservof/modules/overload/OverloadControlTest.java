package org.netservof.modules.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;
import org.netservof.node.testing.Frames;
import org.netservof.node.testing.TestContext;

class OverloadControlTest {
  private static final String UA_MAC = "02:00:00:00:00:01";
  private static final String SERVER_MAC = "02:00:00:00:00:02";
  private static final String INVITE = "INVITE sip:bob@sip.example.net SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK-1;rport\r\n"
      + "v: SIP/2.0/UDP 192.168.1.7:5060;branch=z9hG4bK-0\r\n"
      + "Max-Forwards: 70\r\n"
      + "From: <sip:alice@sip.example.net>;tag=8d3c1a2f\r\n"
      + "To: <sip:bob@sip.example.net>\r\n"
      + "Call-ID: 7b9e2f1c@10.0.0.1\r\n"
      + "CSeq: 1 INVITE\r\n"
      + "Content-Type: application/sdp\r\n"
      + "Content-Length: 4\r\n\r\nv=0\n";

  /** Requests the module cannot answer, some of which a lenient server accepts (a CSeq naming another method,
   * a reply too large for a datagram, an IP datagram's first fragment). */
  private static final String[] MALFORMED = {
      INVITE.substring(0, 60),
      INVITE.replaceAll("CSeq: [^\r]*\r\n", ""),
      INVITE.replace("CSeq: 1 INVITE", "CSeq: 1 BYE"),
      INVITE.replace("CSeq: 1 INVITE", "CSeq: one INVITE"),
      INVITE.replaceAll("(Via|v): [^\r]*\r\n", ""),
      INVITE.replace(" SIP/2.0\r\n", " SIP/3.0\r\n"),
      INVITE.replace("Max-Forwards: 70", "Subject: " + "x".repeat(100)).replace("Call-ID: ", "Call-ID: "
          + "y".repeat(9000)),
      "INVITE \u0000\u00ff\u0001binary\r\n\r\n",
      "INVITE ",
  };

  private final OverloadControl control = new OverloadControl();
  private final TestContext context = new TestContext(Map.of("rate", "10", "burst", "3", "retry-after", "7"));

  private static byte[] fromUa(String sip) {
    return Frames.udp(UA_MAC, SERVER_MAC, "10.0.0.1", "10.0.0.2", 5062, 5060, 63,
        sip.getBytes(StandardCharsets.ISO_8859_1));
  }

  private Verdict send(String sip) {
    byte[] frame = fromUa(sip);
    return control.process(Packet.wrap(frame, frame.length), context);
  }

  private int passed(String sip, int requests) {
    int passed = 0;
    for (int i = 0; i < requests; i++) {
      passed += send(sip) == Verdict.FORWARD ? 1 : 0;
    }
    return passed;
  }

  @Test
  void withinTheRateRequestsPassAndBeyondItEachIsAnsweredWith503AndDropped() {
    control.start(context);
    assertThat(passed(INVITE, 10)).as("a burst of 3 at once").isEqualTo(3);
    assertThat(context.emitted()).as("one 503 per rejected request").hasSize(7);
    context.advanceNanos(200_000_000L);
    String register = INVITE.replace("INVITE sip:bob", "REGISTER sip:bob").replace("1 INVITE", "1 REGISTER");
    assertThat(passed(register, 10)).as("0.2 s at 10/s, REGISTER counted as INVITE").isEqualTo(2);
    assertThat(control.report()).containsEntry("passed", 5L).containsEntry("rejected", 15L)
        .containsEntry("rate", 10L).containsEntry("malformed", 0L);
  }

  @Test
  void the503CopiesTheHeadersRfc3261AsksForAndGoesBackToTheSender() {
    control.start(new TestContext(Map.of("rate", "1", "burst", "1", "retry-after", "7")));
    send(INVITE);
    byte[] request = fromUa(INVITE);
    assertThat(control.process(Packet.wrap(request, request.length), context)).isEqualTo(Verdict.DROP);
    Packet reply = context.emitted().get(0);
    assertThat(Arrays.copyOfRange(reply.data(), 0, 6)).isEqualTo(Frames.mac(UA_MAC));
    assertThat(Arrays.copyOfRange(reply.data(), 6, 12)).isEqualTo(Frames.mac(SERVER_MAC));
    assertThat(Packet.ipText(reply.ipSource())).isEqualTo("10.0.0.2");
    assertThat(Packet.ipText(reply.ipDestination())).isEqualTo("10.0.0.1");
    assertThat(reply.sourcePort()).isEqualTo(5060);
    assertThat(reply.destinationPort()).isEqualTo(5062);
    assertThat(reply.ttl()).isEqualTo(64);
    String[] lines = reply.udpPayloadText().split("\r\n", -1);
    assertThat(lines[0]).isEqualTo("SIP/2.0 503 Service Unavailable");
    assertThat(lines[1]).isEqualTo("Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK-1;rport");
    assertThat(lines[2]).as("every Via, in order").isEqualTo("Via: SIP/2.0/UDP 192.168.1.7:5060;branch=z9hG4bK-0");
    assertThat(lines[3]).isEqualTo("From: <sip:alice@sip.example.net>;tag=8d3c1a2f");
    assertThat(lines[4]).as("the To gets a tag").isEqualTo("To: <sip:bob@sip.example.net>;tag=netserv-oc");
    assertThat(lines[5]).isEqualTo("Call-ID: 7b9e2f1c@10.0.0.1");
    assertThat(lines[6]).isEqualTo("CSeq: 1 INVITE");
    assertThat(lines[7]).isEqualTo("Retry-After: 7");
    assertThat(lines[8]).isEqualTo("Content-Length: 0");
    assertThat(Arrays.copyOfRange(lines, 9, lines.length)).containsExactly("", "");
    assertThat(reply.u16(38)).as("UDP length").isEqualTo(8 + reply.udpPayloadLength());
  }

  @Test
  void aToThatHasATagKeepsIt() {
    control.start(new TestContext(Map.of("rate", "1", "burst", "1")));
    String tagged = INVITE.replace("To: <sip:bob@sip.example.net>", "To: <sip:bob@sip.example.net>;TAG=x1");
    send(tagged);
    send(tagged);
    assertThat(context.emitted().get(0).udpPayloadText()).contains("\r\nTo: <sip:bob@sip.example.net>;TAG=x1\r\n")
        .contains("Retry-After: 5\r\n");
  }

  @Test
  void aNewRateFromTheServerTakesEffectWhileRunning() {
    control.start(context);
    assertThat(passed(INVITE, 3)).isEqualTo(3);
    control.update(new TestContext(Map.of("rate", "2", "retry-after", "30")));
    context.advanceNanos(1_000_000_000L);
    assertThat(passed(INVITE, 10)).as("one second at the new 2/s, burst now 2").isEqualTo(2);
    assertThat(context.emitted().get(0).udpPayloadText()).contains("Retry-After: 30\r\n");
    assertThat(control.report()).containsEntry("rate", 2L).containsEntry("burst", 2L).containsEntry("retry-after", 30L);
  }

  @Test
  void aWrongUpdateIsRefusedByNameAndTheRunningLimitsStay() {
    control.start(context);
    assertThatThrownBy(() -> control.update(new TestContext(Map.of("rate", "fast"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
    assertThat(control.report()).containsEntry("rate", 10L).containsEntry("burst", 3L);
  }

  @Test
  void otherMethodsResponsesAndOtherPortsPass() {
    control.start(new TestContext(Map.of("rate", "1", "burst", "1")));
    String bye = INVITE.replace("INVITE sip:bob", "BYE sip:bob").replace("1 INVITE", "1 BYE");
    String ok = "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n";
    byte[] otherPort = Frames.udp(UA_MAC, SERVER_MAC, "10.0.0.1", "10.0.0.2", 5062, 5070, 63,
        INVITE.getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < 5; i++) {
      assertThat(send(bye)).isEqualTo(Verdict.FORWARD);
      assertThat(send(ok)).isEqualTo(Verdict.FORWARD);
      assertThat(control.process(Packet.wrap(otherPort.clone(), otherPort.length), context)).isEqualTo(Verdict.FORWARD);
    }
    assertThat(context.emitted()).isEmpty();
    assertThat(control.report()).containsEntry("other", 15L).containsEntry("passed", 0L);
  }

  @Test
  void malformedRequestsWithinTheRatePassUntouchedAndAreCounted() {
    control.start(new TestContext(Map.of("rate", "1", "burst", "100")));
    String[] malformed = MALFORMED;
    for (String sip : malformed) {
      byte[] frame = fromUa(sip);
      byte[] copy = frame.clone();
      assertThat(control.process(Packet.wrap(copy, copy.length), context)).as(sip).isEqualTo(Verdict.FORWARD);
      assertThat(copy).isEqualTo(frame);
    }
    assertThat(context.emitted()).isEmpty();
    assertThat(control.report()).containsEntry("malformed", (long) malformed.length).containsEntry("passed", 0L)
        .containsEntry("dropped", 0L);
  }

  @Test
  void malformedRequestsBeyondTheRateAreDroppedUnansweredSoTheyCannotCarryALoadPastIt() {
    control.start(new TestContext(Map.of("rate", "1", "burst", "2")));
    int passed = 0;
    for (int round = 0; round < 10; round++) {
      for (String sip : MALFORMED) {
        passed += send(sip) == Verdict.FORWARD ? 1 : 0;
      }
    }
    assertThat(passed).as("the burst of 2, whatever the requests are").isEqualTo(2);
    assertThat(passed(INVITE, 5)).as("the malformed used the server's rate").isZero();
    assertThat(context.emitted()).as("503 only to the well-formed").hasSize(5);
    assertThat(control.report()).containsEntry("malformed", 10L * MALFORMED.length)
        .containsEntry("dropped", 10L * MALFORMED.length - 2).containsEntry("rejected", 5L);
  }

  @Test
  void randomBytesAfterTheMethodNeverThrowAndNeverLeaveAnUnparsableReply() {
    control.start(new TestContext(Map.of("rate", "1", "burst", "1")));
    Random random = new Random(20);
    for (int i = 0; i < 2000; i++) {
      byte[] noise = new byte[random.nextInt(1400)];
      random.nextBytes(noise);
      String sip = (i % 2 == 0 ? INVITE.substring(0, random.nextInt(INVITE.length())) : "INVITE ")
          + new String(noise, StandardCharsets.ISO_8859_1);
      assertThat(send(sip)).isIn(Verdict.FORWARD, Verdict.DROP);
    }
    for (Packet reply : context.emitted()) {
      assertThat(reply.udpPayloadText()).startsWith("SIP/2.0 503 Service Unavailable\r\n").endsWith("\r\n\r\n");
    }
  }
}
