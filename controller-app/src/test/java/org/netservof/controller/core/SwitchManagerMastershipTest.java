package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.RecordingSwitchListener;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * The switch registry under an arbiter that elects (a cluster member): an elected switch's handshake writes
 * nothing; the switch is announced, set up and written only while this member masters it; a slave's PacketIns
 * reach no listener and its writes never reach the wire, while its ports stay readable.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class SwitchManagerMastershipTest {
  private static final DatapathId DPID = DatapathId.of(0x51);
  private final Elector elector = new Elector();
  private final List<OFMessage> packetIns = new ArrayList<>();
  private final RecordingSwitchListener recorder = new RecordingSwitchListener();
  private final MessageDispatcher dispatcher = new MessageDispatcher();
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, dispatcher, Clock.systemUTC());
  private final EmbeddedSwitch peer = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, manager);

  /** Records what the registry hands it; the test decides the roles. */
  private static final class Elector implements SwitchArbiter {
    Consumer<SwitchRole> decided;
    final List<String> calls = new ArrayList<>();

    @Override
    public boolean elects(OFVersion version) {
      return true;
    }

    @Override
    public void connected(OFSwitch sw, Optional<OFControllerRole> granted, Consumer<SwitchRole> decided) {
      this.decided = decided;
      calls.add("connected " + sw.id());
    }

    @Override
    public void disconnected(OFSwitch sw) {
      calls.add("disconnected " + sw.id());
    }
  }

  @BeforeEach
  void start() {
    manager.arbitrate(elector);
    manager.addListener(recorder);
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.FORWARD, "recorder", (sw, m, c) -> {
      packetIns.add(m);
      return Command.CONTINUE;
    });
    peer.answerUpToConfiguration(DPID, 2);
    List<OFMessage> configuration = peer.drain();
    assertThat(configuration).extracting(OFMessage::getType).as("an elected switch's handshake writes nothing")
        .containsExactly(OFType.SET_CONFIG, OFType.BARRIER_REQUEST);
    peer.send(peer.factory.buildBarrierReply().setXid(configuration.get(1).getXid()).build());
  }

  @AfterEach
  void close() {
    peer.close();
  }

  @Test
  void anElectedSwitchIsNeitherAnnouncedNorWrittenUntilThisMemberMastersIt() {
    OFSwitch sw = manager.connectedSwitches().iterator().next();
    assertThat(elector.calls).containsExactly("connected " + DPID);
    assertThat(manager.switches()).isEmpty();
    assertThat(manager.getSwitch(DPID)).isEmpty();
    assertThat(recorder.events).isEmpty();
    sw.write(peer.factory.buildEchoRequest().setXid(7).build());
    assertThat(peer.drain()).as("a slave writes nothing").isEmpty();

    decide(SwitchRole.Role.MASTER, 5);
    assertThat(peer.drain()).extracting(OFMessage::getType).as("the table-miss entry, now")
        .containsExactly(OFType.FLOW_MOD);
    assertThat(recorder.events).containsExactly("added " + DPID);
    assertThat(manager.switches()).containsExactly(sw);
    assertThat(sw.role()).contains(OFControllerRole.ROLE_MASTER);
  }

  @Test
  void aMasterThatStepsDownIsWithdrawnAndItsPacketInsAndWritesGoNowhere() {
    decide(SwitchRole.Role.MASTER, 5);
    OFSwitch sw = manager.getSwitch(DPID).orElseThrow();
    peer.drain();
    peer.send(packetIn());
    assertThat(packetIns).hasSize(1);

    decide(SwitchRole.Role.SLAVE, 9);
    assertThat(recorder.events).containsExactly("added " + DPID, "removed " + DPID);
    assertThat(manager.switches()).isEmpty();
    peer.send(packetIn());
    assertThat(packetIns).as("a slave's PacketIn reaches no listener").hasSize(1);
    sw.write(peer.factory.buildEchoRequest().setXid(8).build());
    assertThat(sw.writeConfirmed(List.of(peer.factory.buildEchoRequest().setXid(9).build())))
        .isCompletedExceptionally();
    assertThat(peer.drain()).isEmpty();
    assertThat(sw.role()).contains(OFControllerRole.ROLE_SLAVE);
  }

  @Test
  void aSlavesPortsStayReadableWithoutListenersHearingOfThem() {
    peer.send(peer.factory.buildPortStatus().setReason(OFPortReason.MODIFY).setDesc(peer.port(2, false)).build());
    OFSwitch sw = manager.connectedSwitches().iterator().next();
    assertThat(sw.isPortUp(OFPort.of(2))).isFalse();
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void aDisconnectedSwitchLeavesTheArbiterAndIsRemovedOnlyIfItWasWritten() {
    decide(SwitchRole.Role.MASTER, 5);
    peer.channel.close();
    assertThat(elector.calls).containsExactly("connected " + DPID, "disconnected " + DPID);
    assertThat(recorder.events).containsExactly("added " + DPID, "removed " + DPID);
  }

  private void decide(SwitchRole.Role role, long generation) {
    elector.decided.accept(new SwitchRole(DPID, role, generation, Optional.of("a")));
    peer.channel.runPendingTasks();
  }

  private OFMessage packetIn() {
    return peer.factory.buildPacketIn().setReason(org.projectfloodlight.openflow.protocol.OFPacketInReason.NO_MATCH)
        .setMatch(peer.factory.buildMatch().setExact(org.projectfloodlight.openflow.protocol.match.MatchField.IN_PORT,
            OFPort.of(1)).build())
        .setData(new byte[64]).setBufferId(org.projectfloodlight.openflow.types.OFBufferId.NO_BUFFER)
        .setTableId(org.projectfloodlight.openflow.types.TableId.ZERO).setTotalLen(64).build();
  }
}
