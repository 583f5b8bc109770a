package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.SwitchSetupStage;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.policy.layout.ControllerMeter;
import org.netservof.policy.openflow.CoreEntries;
import org.netservof.policy.openflow.Meters;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterConfigStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.types.DatapathId;

/** Every controller-bound meter reaches a connecting 1.3 switch, and the table-miss entry goes through its own. */
@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class ControllerMeterSetupTest {
  private static final DatapathId DPID = DatapathId.of(0x44);
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, new MessageDispatcher(),
      Clock.systemUTC());
  private EmbeddedSwitch peer;

  @AfterEach
  void close() {
    peer.close();
  }

  @Test
  void metersAreAddedOrModifiedAndTheTableMissIsMovedBehindItsMeter() {
    OFMeterConfigStatsRequest ask = connectAndAskForMeters();
    // The switch kept the table-miss meter from an earlier connection.
    peer.send(peer.factory.buildMeterConfigStatsReply().setXid(ask.getXid()).setEntries(List.of(
        peer.factory.buildMeterConfig().setMeterId(ControllerMeter.TABLE_MISS.id()).build())).build());
    List<OFMessage> setup = peer.drain();
    List<OFMeterMod> meters = setup.stream().filter(OFMeterMod.class::isInstance).map(OFMeterMod.class::cast).toList();
    assertThat(meters).extracting(OFMeterMod::getMeterId).containsExactly(
        (long) ControllerMeter.TABLE_MISS.id(), (long) ControllerMeter.LINK_DISCOVERY.id(),
        (long) ControllerMeter.SIGNALING.id(), (long) ControllerMeter.STEERING_TRAP.id());
    assertThat(meters).extracting(OFMeterMod::getCommand).containsExactly(OFMeterModCommand.MODIFY,
        OFMeterModCommand.ADD, OFMeterModCommand.ADD, OFMeterModCommand.ADD);
    assertThat(meters).allSatisfy(m -> assertThat(m.getFlags()).contains(OFMeterFlags.PKTPS));
    OFFlowAdd tableMiss = setup.stream().filter(OFFlowAdd.class::isInstance).map(OFFlowAdd.class::cast)
        .findFirst().orElseThrow();
    assertThat(tableMiss.getMatch()).isEqualTo(CoreEntries.tableMiss(peer.factory).getMatch());
    assertThat(tableMiss.getInstructions()).first().isInstanceOfSatisfying(OFInstructionMeter.class,
        i -> assertThat(i.getMeterId()).isEqualTo(ControllerMeter.TABLE_MISS.id()));
    assertThat(setup.get(setup.size() - 1).getType()).isEqualTo(OFType.BARRIER_REQUEST);
  }

  @Test
  void aMeterTheSwitchKeptAsItShouldBeIsLeftAlone() {
    OFMeterConfigStatsRequest ask = connectAndAskForMeters();
    OFMeterMod kept = Meters.dropAbovePackets(peer.factory, OFMeterModCommand.ADD, ControllerMeter.SIGNALING.id(), 500);
    peer.send(peer.factory.buildMeterConfigStatsReply().setXid(ask.getXid()).setEntries(List.of(
        peer.factory.buildMeterConfig().setMeterId(kept.getMeterId()).setFlags(kept.getFlags())
            .setEntries(kept.getMeters()).build())).build());
    List<OFMeterMod> meters = peer.drain().stream().filter(OFMeterMod.class::isInstance).map(OFMeterMod.class::cast)
        .toList();
    assertThat(meters).extracting(OFMeterMod::getMeterId).as("not the signaling meter, kept as it should be")
        .containsExactly((long) ControllerMeter.TABLE_MISS.id(), (long) ControllerMeter.LINK_DISCOVERY.id(),
            (long) ControllerMeter.STEERING_TRAP.id());
    assertThat(meters).extracting(OFMeterMod::getCommand).containsOnly(OFMeterModCommand.ADD);
  }

  /** A 1.3 switch connects; the setup asks for its meters first. */
  private OFMeterConfigStatsRequest connectAndAskForMeters() {
    manager.setups().addSetup(SwitchSetupStage.METERS, ControllerMeterSetup.NAME, new ControllerMeterSetup(500));
    peer = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, manager);
    peer.completeHandshake(DPID, 2);
    return peer.expect(OFType.STATS_REQUEST, OFMeterConfigStatsRequest.class);
  }

  @Test
  void anOpenFlow10SwitchGetsNoMeters() {
    manager.setups().addSetup(SwitchSetupStage.METERS, ControllerMeterSetup.NAME, new ControllerMeterSetup(500));
    peer = new EmbeddedSwitch(OFVersion.OF_10, OpenFlowConfig.DEFAULTS, manager);
    peer.completeHandshake(DPID, 2);
    assertThat(peer.drain()).isEmpty();
  }
}
