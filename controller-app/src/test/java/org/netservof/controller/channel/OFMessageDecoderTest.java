package org.netservof.controller.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.OFWire;
import org.netservof.controller.testing.RecordingActivator;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.types.DatapathId;

@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class OFMessageDecoderTest {
  private final RecordingActivator activator = new RecordingActivator();

  @Test
  void framesSplitAcrossReadsAndSeveralPerReadAreDecoded() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.completeHandshake(DatapathId.of(1), 1);
      OFFactory f = sw.factory;
      OFMessage a = f.buildFeaturesReply().setXid(1).setDatapathId(DatapathId.of(1)).build();
      OFMessage b = f.buildFeaturesReply().setXid(2).setDatapathId(DatapathId.of(1)).build();
      OFMessage c = f.buildFeaturesReply().setXid(3).setDatapathId(DatapathId.of(1)).build();
      ByteBuf all = OFWire.encode(a, b, c);
      int cut = 5;
      sw.sendBytes(all.readRetainedSlice(cut));
      sw.sendBytes(all.readRetainedSlice(all.readableBytes()));
      all.release();
      assertThat(activator.received).containsExactly(a, b, c);
    }
  }

  @Test
  void aBodyLoxiCannotReadIsAnsweredWithBadRequestAndTheConnectionSurvives() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.completeHandshake(DatapathId.of(1), 1);
      sw.drain();
      // Type 99 does not exist in OpenFlow 1.3.
      sw.sendBytes(Unpooled.wrappedBuffer(new byte[] {4, 99, 0, 8, 0, 0, 0, 9}));
      assertThat(activator.malformed).hasSize(1);
      assertThat(activator.malformed.get(0).xid()).isEqualTo(9);
      assertThat(sw.channel.isOpen()).isTrue();
      OFMessage next = sw.factory.buildEchoReply().setXid(10).build();
      sw.send(next);
      assertThat(sw.channel.isOpen()).isTrue();
    }
  }

  @Test
  void openVSwitchsOpenFlow13RoleStatusIsReadNotRefusedAsMalformed() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.completeHandshake(DatapathId.of(1), 1);
      sw.drain();
      // As OVS 3.x sends it to a controller another one demoted: ONF experimenter, type 1911 (ROLE_STATUS),
      // role 3 (SLAVE), reason 0 (master request), generation id 0x2a.
      sw.sendBytes(Unpooled.wrappedBuffer(new byte[] {4, 4, 0, 32, 0, 0, 0, 0, 0x4f, 0x4e, 0x46, 0, 0, 0, 0x07,
          0x77, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x2a}));
      assertThat(activator.malformed).isEmpty();
      assertThat(activator.roleStatus).containsExactly(new RoleStatus(
          org.projectfloodlight.openflow.protocol.OFControllerRole.ROLE_SLAVE, 0x2a));
      assertThat(sw.drain()).as("no error answered").isEmpty();
    }
  }

  @Test
  void aHeaderShorterThanItselfClosesTheConnection() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.completeHandshake(DatapathId.of(1), 1);
      try {
        sw.sendBytes(Unpooled.wrappedBuffer(new byte[] {4, 2, 0, 4, 0, 0, 0, 1}));
      } catch (RuntimeException expected) {
        // EmbeddedChannel rethrows what the pipeline reported; the channel must be closed either way.
      }
      assertThat(sw.channel.isOpen()).isFalse();
    }
  }

  @Test
  void malformedReplyNamesTheProblemAndEchoesTheHead() {
    OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
    MalformedMessage unknownType = new MalformedMessage(4, 99, 9, new byte[] {4, 99, 0, 8, 0, 0, 0, 9},
        "Unknown value for discriminator type of class OFMessageVer13: 99");
    OFBadRequestErrorMsg error = (OFBadRequestErrorMsg) unknownType.errorReply(f);
    assertThat(error.getXid()).isEqualTo(9);
    assertThat(error.getCode()).isEqualTo(org.projectfloodlight.openflow.protocol.OFBadRequestCode.BAD_TYPE);
    assertThat(error.getData().getData()).containsExactly(4, 99, 0, 8, 0, 0, 0, 9);
    MalformedMessage wrongVersion = new MalformedMessage(1, 2, 9, new byte[8], "x");
    assertThat(((OFBadRequestErrorMsg) wrongVersion.errorReply(f)).getCode())
        .isEqualTo(org.projectfloodlight.openflow.protocol.OFBadRequestCode.BAD_VERSION);
  }

  @Test
  void batchesEncodeToConsecutiveFrames() {
    OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
    io.netty.channel.embedded.EmbeddedChannel ch = new io.netty.channel.embedded.EmbeddedChannel(new OFMessageEncoder());
    List<OFMessage> batch = List.of(f.barrierRequest(), f.echoRequest(new byte[0]), f.barrierRequest());
    ch.writeOutbound(new OFMessageBatch(batch));
    ByteBuf out = ch.readOutbound();
    assertThat(OFWire.decodeAll(out)).isEqualTo(batch);
    ch.finishAndReleaseAll();
  }

}
