package org.netservof.policy.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.netservof.policy.plan.FlowEntry;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFMeterConfigStatsReply;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBandDrop;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

class MetersTest {
  private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
  private static final OFFactory OF14 = OFFactories.getFactory(OFVersion.OF_14);
  private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);

  private static FlowEntry metered(OFFactory f) {
    return new FlowEntry(DatapathId.of(1), 100, f.matchWildcardAll(), List.of(f.actions().output(OFPort.of(3), 0xffff)),
        U64.of(7)).withMeter(OptionalInt.of(5));
  }

  @Test
  void aMeteredEntrySendsItsPacketsThroughTheMeterBeforeItsActions() {
    OFFlowAdd add = metered(OF13).toAdd(OF13);
    assertThat(add.getInstructions()).hasSize(2);
    assertThat(((OFInstructionMeter) add.getInstructions().get(0)).getMeterId()).isEqualTo(5);
    assertThat(add.getInstructions().get(1)).isInstanceOf(OFInstructionApplyActions.class);
    assertThat(metered(OF13)).as("the meter is part of the entry's value, so plans see a change")
        .isNotEqualTo(metered(OF13).withMeter(OptionalInt.empty()));
  }

  @Test
  void openFlow10HasNoMetersAndGetsThePlainEntry() {
    assertThat(metered(OF10).toAdd(OF10).getActions()).hasSize(1);
  }

  @Test
  void aCapIsADropBandInKilobitsOnEachVersion() {
    for (OFFactory f : List.of(OF13, OF14)) {
      OFMeterMod mod = Meters.dropAbove(f, OFMeterModCommand.ADD, 5, 800);
      List<?> bands = f.getVersion() == OFVersion.OF_13 ? mod.getMeters() : mod.getBands();
      assertThat(((OFMeterBandDrop) bands.get(0)).getRate()).isEqualTo(800);
      assertThat(mod.getMeterId()).isEqualTo(5);
    }
    assertThat(Meters.supported(OF10)).isFalse();
  }

  @Test
  void aMeterReadBackFromTheWireGivesTheRateItWasWrittenWith() throws Exception {
    OFMeterMod mod = Meters.dropAbove(OF13, OFMeterModCommand.ADD, 1, 100_000);
    OFMeterConfigStatsReply reply = OF13.buildMeterConfigStatsReply().setEntries(List.of(OF13.buildMeterConfig()
        .setMeterId(1).setFlags(mod.getFlags()).setEntries(mod.getMeters()).build())).build();
    ByteBuf wire = Unpooled.buffer();
    reply.writeTo(wire);
    OFMeterConfigStatsReply read = (OFMeterConfigStatsReply) OF13.getReader().readFrom(wire);

    assertThat(Meters.dropRateKbps(read.getEntries().get(0))).hasValue(100_000);
    OFMeterMod packets = Meters.dropAbovePackets(OF13, OFMeterModCommand.ADD, 2, 1000);
    assertThat(Meters.dropRateKbps(OF13.buildMeterConfig().setMeterId(2).setFlags(packets.getFlags())
        .setEntries(packets.getMeters()).build())).as("a packets-per-second meter is another shape").isEmpty();
  }
}
