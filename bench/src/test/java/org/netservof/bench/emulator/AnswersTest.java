package org.netservof.bench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.netservof.controller.channel.MalformedMessage;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;

/** Which messages answer which PacketIn: by buffer, by the frame sent out, by the match's source. */
class AnswersTest {
  private final OFFactory of13 = OFFactories.getFactory(OFVersion.OF_13);
  private final OFFactory of10 = OFFactories.getFactory(OFVersion.OF_10);

  @Test
  void flowModNamingTheBufferAnswersThatPacketIn() {
    CbenchFrames frames = new CbenchFrames(0, 100);
    PacketInFrame a = frames.next();
    frames.next();
    OFMessage fm = of13.buildFlowAdd().setBufferId(a.bufferId()).build();
    assertThat(Answers.isResponse(fm)).isTrue();
    assertThat(Answers.answered(fm, frames)).hasValue(a.sequence());
  }

  @Test
  void packetOutOfTheFrameAnswersByItsSource() {
    PacketInFrames frames = new PacketInFrames(2, 10);
    PacketInFrame a = frames.next();
    PacketInFrame b = frames.next();
    OFMessage po = of13.buildPacketOut().setData(b.data()).build();
    assertThat(Answers.answered(po, frames)).hasValue(b.sequence());
    OFMessage fm = of13.buildFlowAdd().setMatch(of13.buildMatch().setExact(MatchField.ETH_SRC, a.src()).build())
        .build();
    assertThat(Answers.answered(fm, frames)).hasValue(a.sequence());
  }

  @Test
  void deletesAndLldpAreNoResponses() {
    byte[] lldp = new byte[64];
    lldp[12] = (byte) 0x88;
    lldp[13] = (byte) 0xcc;
    assertThat(Answers.isResponse(of13.buildPacketOut().setData(lldp).build())).isFalse();
    assertThat(Answers.isResponse(of13.buildFlowDelete().build())).isFalse();
    assertThat(Answers.isResponse(of13.buildFlowModifyStrict().build())).isTrue();
  }

  /** What ovs-testcontroller sends for a cbench frame, which Loxi cannot read: its first bytes suffice. */
  @Test
  void unreadableFlowModsAreReadFromTheirFixedFields() {
    CbenchFrames frames = new CbenchFrames(0, 100);
    PacketInFrame a = frames.next();
    frames.next();
    MalformedMessage on13 = malformed(of13.buildFlowAdd().setBufferId(a.bufferId()).build());
    assertThat(Answers.isResponse(on13)).isTrue();
    assertThat(Answers.answered(on13, frames)).hasValue(a.sequence());
    MalformedMessage on10 = malformed(of10.buildFlowAdd().setMatch(of10.buildMatch()
        .setExact(MatchField.ETH_TYPE, EthType.IPv4).setExact(MatchField.ETH_SRC, a.src()).build()).build());
    assertThat(Answers.isResponse(on10)).isTrue();
    assertThat(Answers.answered(on10, frames)).hasValue(a.sequence());
    MalformedMessage delete = malformed(of10.buildFlowDelete().build());
    assertThat(Answers.isResponse(delete)).isFalse();
    assertThat(frames.sentFrom(MacAddress.of("00:00:00:00:00:02"))).isEmpty();
  }

  private static MalformedMessage malformed(OFMessage m) {
    ByteBuf buf = Unpooled.buffer();
    try {
      m.writeTo(buf);
      byte[] head = ByteBufUtil.getBytes(buf, 0, Math.min(64, buf.readableBytes()));
      return new MalformedMessage(head[0], head[1], m.getXid(), head, "Illegal IP protocol number: 255");
    } finally {
      buf.release();
    }
  }
}
