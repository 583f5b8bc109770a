package org.netservof.controller.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.RecordingActivator;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.CoreEntries;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U32;

@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class HandshakeHandlerTest {
  private static final DatapathId DPID = DatapathId.of(0xabcL);
  private final RecordingActivator activator = new RecordingActivator();

  @Test
  void aPeerThatResetsTheConnectionBeforeOrAfterTheHandshakeIsClosedWithNothingLeftUnhandled() {
    // Mininet's check that the controller listens connects and goes at once: the HELLO meets a reset.
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.channel.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
      sw.channel.checkException(); // rethrows whatever reached the end of the pipeline unhandled
      assertThat(sw.channel.isOpen()).isFalse();
    }
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.completeHandshake(DatapathId.of(7), 1);
      sw.channel.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
      sw.channel.checkException();
      assertThat(sw.channel.isOpen()).isFalse();
    }
  }

  @Test
  void aPeerSendingGarbageThroughoutTheHandshakeCannotFloodTheLog() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator);
        LogCapture logs = new LogCapture()) {
      byte[] garbage = new byte[8 * 1000];
      for (int i = 0; i < garbage.length; i += 8) { // type 99 does not exist: each frame is malformed
        System.arraycopy(new byte[] {4, 99, 0, 8, 0, 0, 0, 9}, 0, garbage, i, 8);
      }
      sw.sendBytes(io.netty.buffer.Unpooled.wrappedBuffer(garbage));
      assertThat(logs.problems()).as("lines for 1000 malformed frames during a handshake")
          .hasSizeLessThanOrEqualTo(20);
      assertThat(sw.drain()).as("each is still answered").hasSizeGreaterThanOrEqualTo(1000);
    }
  }

  @Test
  void openFlow13HandshakeNegotiatesAndInstallsTableMissConfirmedByBarrier() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      OFHello hello = sw.expect(OFType.HELLO, OFHello.class);
      assertThat(hello.getVersion()).isEqualTo(OFVersion.OF_13);
      OFHelloElemVersionbitmap bitmap = (OFHelloElemVersionbitmap) hello.getElements().get(0);
      assertThat(bitmap.getBitmaps()).containsExactly(U32.of((1 << 1) | (1 << 4)));

      sw.send(sw.factory.buildHello().setElements(List.of(sw.factory.helloElemVersionbitmap(
          List.of(U32.of((1 << 1) | (1 << 4) | (1 << 5)))))).build());
      OFFeaturesRequest features = sw.expect(OFType.FEATURES_REQUEST, OFFeaturesRequest.class);
      assertThat(features.getVersion()).isEqualTo(OFVersion.OF_13);
      sw.send(sw.factory.buildFeaturesReply().setXid(features.getXid()).setDatapathId(DPID)
          .setNTables((short) 254).build());

      OFPortDescStatsRequest portDesc = sw.expect(OFType.STATS_REQUEST, OFPortDescStatsRequest.class);
      // Two parts: the controller must gather both before going on.
      sw.send(sw.factory.buildPortDescStatsReply().setXid(portDesc.getXid()).setFlags(EmbeddedSwitch.more())
          .setEntries(List.of(sw.port(1, true))).build());
      assertThat(sw.drain()).isEmpty();
      sw.send(sw.factory.buildPortDescStatsReply().setXid(portDesc.getXid())
          .setEntries(List.of(sw.port(2, true), sw.port(3, false))).build());
      sw.answerDescription();

      OFSetConfig setConfig = sw.expect(OFType.SET_CONFIG, OFSetConfig.class);
      assertThat(setConfig.getMissSendLen()).isEqualTo(0xffff);
      OFFlowAdd miss = sw.expect(OFType.FLOW_MOD, OFFlowAdd.class);
      assertThat(miss).isEqualTo(CoreEntries.tableMiss(sw.factory).createBuilder().setXid(miss.getXid()).build());
      OFRoleRequest role = sw.expect(OFType.ROLE_REQUEST, OFRoleRequest.class);
      assertThat(role.getRole()).isEqualTo(OFControllerRole.ROLE_EQUAL);
      OFBarrierRequest barrier = sw.expect(OFType.BARRIER_REQUEST, OFBarrierRequest.class);
      sw.grantRole(role);
      assertThat(activator.handshake).as("not active before the barrier reply").isNull();

      sw.send(sw.factory.buildBarrierReply().setXid(barrier.getXid()).build());
      assertThat(activator.handshake).isNotNull();
      assertThat(activator.handshake.features().getDatapathId()).isEqualTo(DPID);
      assertThat(activator.handshake.ports()).extracting(p -> p.getPortNo().getPortNumber()).containsExactly(1, 2, 3);
      assertThat(activator.handshake.role()).contains(OFControllerRole.ROLE_EQUAL);
      assertThat(activator.handshake.description().getHwDesc()).isEqualTo("Open vSwitch");
      assertThat(sw.channel.pipeline().get("session")).isNotNull();
      assertThat(sw.channel.pipeline().get("handshake")).isNull();
    }
  }

  @Test
  void openFlow10HandshakeTakesPortsFromFeaturesAndAsksNoRole() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_10, OpenFlowConfig.DEFAULTS, activator)) {
      sw.expect(OFType.HELLO, OFHello.class);
      sw.send(sw.factory.buildHello().build());
      OFFeaturesRequest features = sw.expect(OFType.FEATURES_REQUEST, OFFeaturesRequest.class);
      assertThat(features.getVersion()).isEqualTo(OFVersion.OF_10);
      sw.send(sw.factory.buildFeaturesReply().setXid(features.getXid()).setDatapathId(DPID)
          .setNTables((short) 1).setPorts(sw.portDescs(2)).build());
      sw.answerDescription();
      sw.expect(OFType.SET_CONFIG, OFSetConfig.class);
      OFFlowAdd miss = sw.expect(OFType.FLOW_MOD, OFFlowAdd.class);
      assertThat(miss.getActions()).containsExactly(sw.factory.actions().output(OFPort.CONTROLLER, 0xffff));
      assertThat(Cookie.decode(miss.getCookie()).owner()).isEqualTo(CookieOwner.CORE);
      OFBarrierRequest barrier = sw.expect(OFType.BARRIER_REQUEST, OFBarrierRequest.class);
      sw.send(sw.factory.buildBarrierReply().setXid(barrier.getXid()).build());

      assertThat(activator.handshake.factory().getVersion()).isEqualTo(OFVersion.OF_10);
      assertThat(activator.handshake.ports()).hasSize(2);
      assertThat(activator.handshake.role()).isEmpty();
    }
  }

  @Test
  void switchWithoutBitmapGetsTheLowerHeaderVersion() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_10, OpenFlowConfig.DEFAULTS, activator)) {
      sw.expect(OFType.HELLO, OFHello.class);
      // A 1.4 switch that sends no bitmap: the lower header version (our 1.3) is used.
      sw.send(org.projectfloodlight.openflow.protocol.OFFactories.getFactory(OFVersion.OF_14).buildHello().build());
      assertThat(sw.expect(OFType.FEATURES_REQUEST, OFFeaturesRequest.class).getVersion()).isEqualTo(OFVersion.OF_13);
    }
  }

  @Test
  void noCommonVersionIsRefusedWithHelloFailedAndTheConnectionCloses() {
    OpenFlowConfig only13 = new OpenFlowConfig(List.of("1.3"), Duration.ofSeconds(10), Duration.ofSeconds(5),
        Duration.ofSeconds(15), Duration.ofSeconds(10), 0xffff, "equal", 256, 1024, 0);
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_14, only13, activator)) {
      sw.expect(OFType.HELLO, OFHello.class);
      // The switch speaks 1.4 and 1.5 only, and says so in its bitmap.
      sw.send(sw.factory.buildHello().setElements(List.of(sw.factory.helloElemVersionbitmap(
          List.of(U32.of((1 << 5) | (1 << 6)))))).build());
      OFHelloFailedErrorMsg error = sw.expect(OFType.ERROR, OFHelloFailedErrorMsg.class);
      assertThat(error.getCode()).isEqualTo(org.projectfloodlight.openflow.protocol.OFHelloFailedCode.INCOMPATIBLE);
      assertThat(sw.channel.isOpen()).isFalse();
      assertThat(activator.handshake).isNull();
    }
  }

  @Test
  void handshakeThatStallsIsClosedAtItsTimeout() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.expect(OFType.HELLO, OFHello.class);
      sw.send(sw.factory.buildHello().build());
      sw.expect(OFType.FEATURES_REQUEST, OFFeaturesRequest.class);
      sw.advance(Duration.ofSeconds(9));
      assertThat(sw.channel.isOpen()).isTrue();
      sw.advance(Duration.ofSeconds(1));
      assertThat(sw.channel.isOpen()).isFalse();
      assertThat(activator.handshake).isNull();
    }
  }

  @Test
  void refusedTableMissFailsTheHandshake() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.answerUpToConfiguration(DPID, 0);
      sw.expect(OFType.SET_CONFIG, OFSetConfig.class);
      OFFlowAdd miss = sw.expect(OFType.FLOW_MOD, OFFlowAdd.class);
      sw.send(sw.factory.errorMsgs().buildFlowModFailedErrorMsg().setXid(miss.getXid())
          .setCode(OFFlowModFailedCode.TABLE_FULL).build());
      assertThat(sw.channel.isOpen()).isFalse();
      assertThat(activator.handshake).isNull();
    }
  }

  @Test
  void refusedRoleRequestIsNotFatal() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.answerUpToConfiguration(DPID, 0);
      sw.expect(OFType.SET_CONFIG, OFSetConfig.class);
      sw.expect(OFType.FLOW_MOD, OFFlowAdd.class);
      OFRoleRequest role = sw.expect(OFType.ROLE_REQUEST, OFRoleRequest.class);
      OFBarrierRequest barrier = sw.expect(OFType.BARRIER_REQUEST, OFBarrierRequest.class);
      sw.send(sw.factory.errorMsgs().buildRoleRequestFailedErrorMsg().setXid(role.getXid())
          .setCode(org.projectfloodlight.openflow.protocol.OFRoleRequestFailedCode.UNSUP).build());
      sw.send(sw.factory.buildBarrierReply().setXid(barrier.getXid()).build());
      assertThat(activator.handshake).isNotNull();
      assertThat(activator.handshake.role()).isEmpty();
    }
  }

  @Test
  void masterRoleCarriesAGenerationId() {
    OpenFlowConfig master = new OpenFlowConfig(List.of("1.3"), Duration.ofSeconds(10), Duration.ofSeconds(5),
        Duration.ofSeconds(15), Duration.ofSeconds(10), 0xffff, "master", 256, 1024, 0);
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, master, activator)) {
      sw.answerUpToConfiguration(DPID, 0);
      sw.expect(OFType.SET_CONFIG, OFSetConfig.class);
      sw.expect(OFType.FLOW_MOD, OFFlowAdd.class);
      OFRoleRequest role = sw.expect(OFType.ROLE_REQUEST, OFRoleRequest.class);
      assertThat(role.getRole()).isEqualTo(OFControllerRole.ROLE_MASTER);
      assertThat(role.getGenerationId().getValue()).isEqualTo(42L);
    }
  }

  @Test
  void messagesDuringTheHandshakeAreReplayedToTheSessionInOrder() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.answerUpToConfiguration(DPID, 0);
      OFPacketIn early = sw.factory.buildPacketIn().setReason(OFPacketInReason.NO_MATCH)
          .setBufferId(OFBufferId.NO_BUFFER).setData(new byte[60]).setXid(7).build();
      sw.send(early);
      List<OFMessage> config = sw.drain();
      OFBarrierRequest barrier = (OFBarrierRequest) config.get(config.size() - 1);
      sw.send(sw.factory.buildBarrierReply().setXid(barrier.getXid()).build());
      assertThat(activator.received).containsExactly(early);
    }
  }
}
