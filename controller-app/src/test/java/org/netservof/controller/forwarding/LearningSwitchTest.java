package org.netservof.controller.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.packet.EthernetFrame;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

class LearningSwitchTest {
  private static final MacAddress H1 = MacAddress.of("0a:00:00:00:00:01");
  private static final MacAddress H2 = MacAddress.of("0a:00:00:00:00:02");

  private final FakeClock clock = new FakeClock();
  private final LearningSwitch learning = new LearningSwitch(ForwardingConfig.DEFAULTS,
      new MacTable(Duration.ofMinutes(5), 1000, clock));

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void unknownDestinationsAreFloodedAndKnownOnesGetAnEntryAndThePacket(OFVersion version) {
    FakeSwitch sw = new FakeSwitch(1, version, 3);
    receive(sw, 1, H1, H2);
    OFPacketOut flood = only(sw.take(), OFPacketOut.class);
    assertThat(outputs(flood.getActions())).containsExactly(OFPort.FLOOD);

    receive(sw, 2, H2, H1);
    List<OFMessage> out = sw.take();
    assertThat(out).hasSize(2);
    OFFlowAdd add = (OFFlowAdd) out.get(0);
    assertThat(add.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(2));
    assertThat(add.getMatch().get(MatchField.ETH_DST)).isEqualTo(H1);
    assertThat(add.getMatch().get(MatchField.ETH_SRC)).isEqualTo(H2);
    assertThat(add.getIdleTimeout()).isEqualTo(5);
    assertThat(Cookie.decode(add.getCookie()).owner()).isEqualTo(CookieOwner.FORWARDING);
    assertThat(outputs(actions(add, version))).containsExactly(OFPort.of(1));
    OFPacketOut send = (OFPacketOut) out.get(1);
    assertThat(outputs(send.getActions())).containsExactly(OFPort.of(1));
    assertThat(send.getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
    assertThat(send.getData()).isEqualTo(frame(H2, H1));
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void broadcastIsFloodedButTeachesTheSource(OFVersion version) {
    FakeSwitch sw = new FakeSwitch(1, version, 3);
    receive(sw, 3, H1, MacAddress.BROADCAST);
    assertThat(outputs(only(sw.take(), OFPacketOut.class).getActions())).containsExactly(OFPort.FLOOD);
    receive(sw, 1, H2, H1);
    assertThat(sw.take()).first().isInstanceOfSatisfying(OFFlowAdd.class,
        add -> assertThat(outputs(actions(add, version))).containsExactly(OFPort.of(3)));
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void aHostThatMovesHasTheEntriesTowardItsOldPlaceDeleted(OFVersion version) {
    FakeSwitch sw = new FakeSwitch(1, version, 3);
    receive(sw, 1, H1, MacAddress.BROADCAST);
    sw.take();
    receive(sw, 3, H1, MacAddress.BROADCAST);
    List<OFMessage> out = sw.take();
    OFFlowDelete delete = (OFFlowDelete) out.get(0);
    assertThat(delete.getMatch().get(MatchField.ETH_DST)).isEqualTo(H1);
    assertThat(delete.getCookieMask()).isEqualTo(Cookie.ownerMask());
    receive(sw, 2, H2, H1);
    OFFlowAdd add = (OFFlowAdd) sw.take().get(0);
    assertThat(outputs(actions(add, version))).containsExactly(OFPort.of(3));
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void aPortGoingDownDeletesItsEntriesAndForgetsItsHosts(OFVersion version) {
    FakeSwitch sw = new FakeSwitch(1, version, 3);
    receive(sw, 1, H1, MacAddress.BROADCAST);
    sw.take();
    learning.portChanged(sw, sw.port(OFPort.of(1)).orElseThrow(), PortChange.DOWN);
    List<OFFlowDelete> deletes = sw.take().stream().map(OFFlowDelete.class::cast).toList();
    assertThat(deletes).extracting(OFFlowDelete::getOutPort).containsExactly(OFPort.of(1), OFPort.ANY);
    assertThat(deletes.get(1).getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
    receive(sw, 2, H2, H1);
    assertThat(outputs(only(sw.take(), OFPacketOut.class).getActions())).containsExactly(OFPort.FLOOD);
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void learntAddressesAgeOut(OFVersion version) {
    FakeSwitch sw = new FakeSwitch(1, version, 3);
    receive(sw, 1, H1, MacAddress.BROADCAST);
    sw.take();
    clock.advance(Duration.ofMinutes(6));
    receive(sw, 2, H2, H1);
    assertThat(outputs(only(sw.take(), OFPacketOut.class).getActions())).containsExactly(OFPort.FLOOD);
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void aPacketBackOutItsInPortIsNotForwarded(OFVersion version) {
    FakeSwitch sw = new FakeSwitch(1, version, 3);
    receive(sw, 1, H1, MacAddress.BROADCAST);
    receive(sw, 1, H2, MacAddress.BROADCAST);
    sw.take();
    receive(sw, 1, H2, H1);
    assertThat(sw.take()).isEmpty();
  }

  private void receive(FakeSwitch sw, int inPort, MacAddress src, MacAddress dst) {
    OFFactory f = sw.factory();
    OFPacketIn.Builder pi = f.buildPacketIn().setReason(OFPacketInReason.NO_MATCH)
        .setBufferId(OFBufferId.NO_BUFFER).setData(frame(src, dst));
    if (f.getVersion() == OFVersion.OF_10) {
      pi.setInPort(OFPort.of(inPort));
    } else {
      pi.setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build());
    }
    OFPacketIn message = pi.build();
    learning.receive(sw, message, new MessageContext() {
      @Override
      public Optional<EthernetFrame> frame() {
        try {
          return Optional.of(EthernetFrame.parse(message.getData()));
        } catch (Exception e) {
          return Optional.empty();
        }
      }

      @Override
      public Optional<OFPort> inPort() {
        return Optional.of(OFPort.of(inPort));
      }

      @Override
      public Optional<OFMessage> erroredRequest() {
        return Optional.empty();
      }
    });
  }

  private static byte[] frame(MacAddress src, MacAddress dst) {
    byte[] f = new byte[60];
    System.arraycopy(dst.getBytes(), 0, f, 0, 6);
    System.arraycopy(src.getBytes(), 0, f, 6, 6);
    f[12] = 0x08;
    f[13] = 0x06;
    f[14] = 0;
    f[15] = 1;
    f[16] = 8;
    f[17] = 0;
    f[18] = 6;
    f[19] = 4;
    return f;
  }

  private static List<OFAction> actions(OFFlowAdd add, OFVersion version) {
    return version == OFVersion.OF_10 ? add.getActions()
        : ((OFInstructionApplyActions) add.getInstructions().get(0)).getActions();
  }

  private static List<OFPort> outputs(List<OFAction> actions) {
    return actions.stream().map(a -> ((OFActionOutput) a).getPort()).toList();
  }

  private static <T> T only(List<OFMessage> messages, Class<T> kind) {
    assertThat(messages).hasSize(1);
    return kind.cast(messages.get(0));
  }
}
