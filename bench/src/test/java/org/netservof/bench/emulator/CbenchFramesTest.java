package org.netservof.bench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/** The cbench frames against the template of cbench's fakeswitch.c (make_packet_in), field by field. */
class CbenchFramesTest {
  /** cbench's OpenFlow 1.0 PacketIn with xid 0, buffer 0x101, source counter 0, switch id 1 (golden bytes). */
  private static final String TEMPLATE_OF10 = "010a005200000000" + "00000101" + "0040" + "0001" + "00" + "00"
      + "800000000001" + "000000000001" + "0800"
      + "450000320000000040fff72cc0a80028c0a80128"
      + "7a18586b110897f519e2657e07cc31c311c7c40c8b955151335451d50036";

  @Test
  void ipv4ProtocolFfWithCbenchsHeaderAndPayload() {
    byte[] b = new CbenchFrames(0, 100_000).next().data();
    assertThat(b).hasSize(64);
    assertThat((b[12] & 0xff) << 8 | (b[13] & 0xff)).as("ethertype").isEqualTo(0x0800);
    assertThat(b[14]).as("version, IHL").isEqualTo((byte) 0x45);
    assertThat(b[23] & 0xff).as("IP protocol").isEqualTo(0xff);
    assertThat(b[22] & 0xff).as("TTL").isEqualTo(64);
    assertThat(Arrays.copyOfRange(b, 26, 34)).as("192.168.0.40 to 192.168.1.40")
        .isEqualTo(HexFormat.of().parseHex("c0a80028c0a80128"));
    int sum = 0;
    for (int i = 14; i < 34; i += 2) {
      sum += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }
    assertThat((sum & 0xffff) + (sum >>> 16)).as("IP header checksum").isEqualTo(0xffff);
  }

  @Test
  void macsCarryTheSwitchIdAndTheCounterLeastSignificantByteFirst() {
    CbenchFrames frames = new CbenchFrames(4, 100_000); // DPID 5
    PacketInFrame first = frames.next();
    PacketInFrame second = frames.next();
    for (int i = 0; i < 0x1234 - 2; i++) {
      frames.next();
    }
    PacketInFrame later = frames.next(); // counter 0x1234
    assertThat(MacAddress.of(Arrays.copyOfRange(first.data(), 0, 6))).isEqualTo(MacAddress.of("80:00:00:00:00:05"));
    assertThat(first.src()).isEqualTo(MacAddress.of("00:00:00:00:00:05"));
    assertThat(second.src()).isEqualTo(MacAddress.of("00:01:00:00:00:05"));
    assertThat(later.src()).isEqualTo(MacAddress.of("00:34:12:00:00:05"));
    assertThat(MacAddress.of(Arrays.copyOfRange(later.data(), 6, 12))).isEqualTo(later.src());
  }

  @Test
  void sourceCounterCyclesThroughTheMacs() {
    CbenchFrames frames = new CbenchFrames(0, 3);
    List<MacAddress> sources = List.of(frames.next().src(), frames.next().src(), frames.next().src(),
        frames.next().src());
    assertThat(sources.get(3)).isEqualTo(sources.get(0));
    assertThat(sources.subList(0, 3)).doesNotHaveDuplicates();
  }

  @Test
  void bufferIdsCountUpFromOneAndWrapAtCbenchsLimit() {
    CbenchFrames frames = new CbenchFrames(0, 10);
    assertThat(frames.next().bufferId()).isEqualTo(OFBufferId.of(1));
    assertThat(frames.next().bufferId()).isEqualTo(OFBufferId.of(2));
    PacketInFrame f = null;
    for (int i = 2; i < CbenchFrames.BUFFER_IDS; i++) {
      f = frames.next();
    }
    assertThat(f.bufferId()).isEqualTo(OFBufferId.of(0)); // the 100,000th: (99,999 + 1) % 100,000
    assertThat(frames.next().bufferId()).isEqualTo(OFBufferId.of(1));
  }

  @Test
  void openFlow10PacketInIsCbenchsBytes() {
    CbenchFrames frames = new CbenchFrames(0, 100_000);
    PacketInFrame frame = frames.next();
    OFPacketIn pi = new PacketInBuilder(OFFactories.getFactory(OFVersion.OF_10)).build(frame);
    byte[] expected = HexFormat.of().parseHex(TEMPLATE_OF10);
    expected[7] = 2; // xid 2: cbench's first PacketIn after its gratuitous ARP (xid 1)
    expected[10] = 0; // buffer id 1 (the template holds 0x101)
    expected[11] = 1;
    assertThat(bytes(pi)).isEqualTo(expected);
  }

  @Test
  void openFlow13WrapsTheSameFrameWithTheSameBufferAndInPort() {
    PacketInFrame frame = new CbenchFrames(2, 1000).next();
    OFPacketIn pi = new PacketInBuilder(OFFactories.getFactory(OFVersion.OF_13)).build(frame);
    assertThat(pi.getData()).isEqualTo(frame.data());
    assertThat(pi.getBufferId()).isEqualTo(OFBufferId.of(1));
    assertThat(pi.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
    assertThat(pi.getTotalLen()).isEqualTo(64);
    assertThat(pi.getReason()).isEqualTo(OFPacketInReason.NO_MATCH);
  }

  @Test
  void gratuitousArpAnnouncesTheDestinationOnPort2Unbuffered() {
    PacketInFrame arp = new CbenchFrames(6, 10).preamble().get(0);
    byte[] b = arp.data();
    assertThat(b).hasSize(64);
    assertThat(arp.inPort()).isEqualTo(CbenchFrames.LEARN_PORT);
    assertThat(arp.bufferId()).isEqualTo(OFBufferId.NO_BUFFER);
    assertThat(arp.xid()).isEqualTo(1);
    assertThat(MacAddress.of(Arrays.copyOfRange(b, 0, 6))).isEqualTo(MacAddress.BROADCAST);
    assertThat(arp.src()).isEqualTo(MacAddress.of("80:00:00:00:00:07"));
    assertThat((b[12] & 0xff) << 8 | (b[13] & 0xff)).isEqualTo(0x0806);
    assertThat((b[20] & 0xff) << 8 | (b[21] & 0xff)).as("ARP reply").isEqualTo(2);
    assertThat(Arrays.copyOfRange(b, 28, 32)).as("sender IP 192.168.7.40")
        .isEqualTo(new byte[] {(byte) 192, (byte) 168, 7, 40});
  }

  @Test
  void answersFindTheirPacketInByBufferAndBySource() {
    CbenchFrames frames = new CbenchFrames(0, 100);
    PacketInFrame a = frames.next();
    PacketInFrame b = frames.next();
    assertThat(frames.sentInBuffer(b.bufferId())).hasValue(b.sequence());
    assertThat(frames.sentFrom(a.src())).hasValue(a.sequence());
    assertThat(frames.sentFrom(MacAddress.of("00:00:00:00:00:09"))).isEmpty();
    assertThat(frames.sentInBuffer(OFBufferId.of(7))).isEmpty();
  }

  private static byte[] bytes(OFPacketIn pi) {
    ByteBuf buf = Unpooled.buffer();
    try {
      pi.writeTo(buf);
      byte[] out = new byte[buf.readableBytes()];
      buf.readBytes(out);
      return out;
    } finally {
      buf.release();
    }
  }
}
