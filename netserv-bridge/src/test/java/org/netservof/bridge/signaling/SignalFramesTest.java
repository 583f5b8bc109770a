package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.signaling.SignalFrames.Datagram;
import org.netservof.bridge.signaling.SignalFrames.Endpoint;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.packet.EthernetFrame;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

class SignalFramesTest {
  private static final SwitchPort PORT = SwitchPort.of(1, 1);

  private static final MacAddress A = MacAddress.of("0a:00:00:00:00:01");
  private static final MacAddress B = MacAddress.of("0a:00:00:00:00:02");
  private static final Endpoint REQUESTER = new Endpoint(IPv4Address.of("10.0.0.1"), 40000);
  private static final Endpoint DESTINATION = new Endpoint(IPv4Address.of("10.0.0.2"), 270);

  @Test
  void aBuiltDatagramReadsBackWithValidChecksums() throws Exception {
    byte[] payload = "NETSERV/0.1 200 OK\n\n".getBytes(StandardCharsets.US_ASCII);
    byte[] frame = SignalFrames.build(B, A, DESTINATION, REQUESTER, payload);
    Datagram d = SignalFrames.udp(EthernetFrame.parse(frame), frame, PORT).orElseThrow();
    assertThat(d.srcMac()).isEqualTo(B);
    assertThat(d.dstMac()).isEqualTo(A);
    assertThat(d.source()).isEqualTo(DESTINATION);
    assertThat(new Endpoint(d.dst(), d.dstPort())).isEqualTo(REQUESTER);
    assertThat(d.payload()).isEqualTo(payload);
    assertThat(onesComplementSum(frame, 14, 20, 0)).as("IPv4 header checksum").isEqualTo(0xffff);
    long pseudo = onesComplementSum(frame, 26, 8, 0) + 17 + 8 + payload.length;
    assertThat(onesComplementSum(frame, 34, 8 + payload.length, pseudo)).as("UDP checksum").isEqualTo(0xffff);
  }

  @Test
  void anIcmpPortUnreachableNamesTheDatagramItAnswers() throws Exception {
    byte[] request = SignalFrames.build(A, B, REQUESTER, DESTINATION, new byte[] {1, 2, 3});
    byte[] quoted = Arrays.copyOfRange(request, 14, 14 + 28); // its IP header and 8 bytes of UDP
    ByteBuffer icmp = ByteBuffer.allocate(14 + 20 + 8 + quoted.length);
    icmp.put(A.getBytes()).put(B.getBytes()).putShort((short) 0x0800);
    icmp.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + quoted.length)).putInt(0).put((byte) 64)
        .put((byte) 1).putShort((short) 0).putInt(DESTINATION.address().getInt()).putInt(REQUESTER.address().getInt());
    icmp.put((byte) 3).put((byte) 3).putShort((short) 0).putInt(0).put(quoted);
    byte[] frame = icmp.array();
    SignalFrames.Unreachable u = SignalFrames.portUnreachable(EthernetFrame.parse(frame), frame).orElseThrow();
    int checksum = ((request[14 + 26] & 0xff) << 8) | (request[14 + 27] & 0xff);
    assertThat(u).isEqualTo(new SignalFrames.Unreachable(REQUESTER.address(), DESTINATION.address(), 40000, 270,
        checksum));

    frame[14 + 20] = 3;
    frame[14 + 21] = 1; // host unreachable: not the answer of a host that does not listen
    assertThat(SignalFrames.portUnreachable(EthernetFrame.parse(frame), frame)).isEmpty();
  }

  @Test
  void fragmentsAndTruncatedDatagramsAreNotRead() throws Exception {
    byte[] frame = SignalFrames.build(A, B, REQUESTER, DESTINATION, new byte[100]);
    byte[] fragment = frame.clone();
    fragment[14 + 6] = 0x20; // more fragments follow
    assertThat(SignalFrames.udp(EthernetFrame.parse(fragment), fragment, PORT)).isEmpty();
    byte[] cut = Arrays.copyOf(frame, frame.length - 10);
    assertThat(SignalFrames.udp(EthernetFrame.parse(cut), cut, PORT)).isEmpty();
  }

  private static long onesComplementSum(byte[] data, int offset, int length, long initial) {
    long sum = initial;
    for (int i = 0; i < length; i += 2) {
      sum += ((data[offset + i] & 0xff) << 8) | (i + 1 < length ? data[offset + i + 1] & 0xff : 0);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return sum;
  }
}
