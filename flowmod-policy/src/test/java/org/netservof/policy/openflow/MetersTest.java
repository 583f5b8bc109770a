package org.netservof.policy.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.netservof.policy.plan.FlowEntry;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
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
}
