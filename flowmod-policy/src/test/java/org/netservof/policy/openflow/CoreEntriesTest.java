package org.netservof.policy.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.types.OFPort;

class CoreEntriesTest {

  @Test
  void tableMissOnOpenFlow13SendsWholePacketsToTheControllerThroughAnInstruction() {
    OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
    OFFlowAdd miss = CoreEntries.tableMiss(factory);

    assertThat(miss.getPriority()).isZero();
    assertThat(miss.getMatch().getMatchFields()).isEmpty();
    assertThat(Cookie.decode(miss.getCookie())).isEqualTo(Cookie.of(CookieOwner.CORE, CoreEntries.TABLE_MISS_DETAIL));
    assertThat(miss.getInstructions()).hasSize(1);
    OFInstructionApplyActions apply = (OFInstructionApplyActions) miss.getInstructions().get(0);
    OFActionOutput output = (OFActionOutput) apply.getActions().get(0);
    assertThat(output.getPort()).isEqualTo(OFPort.CONTROLLER);
    assertThat(output.getMaxLen()).isEqualTo(0xffff);
  }

  @Test
  void tableMissOnOpenFlow10UsesAnActionList() {
    OFFactory factory = OFFactories.getFactory(OFVersion.OF_10);
    OFFlowAdd miss = CoreEntries.tableMiss(factory);
    assertThat(miss.getActions()).containsExactly(factory.actions().output(OFPort.CONTROLLER, 0xffff));
  }

  @Test
  void withActionsKeepsActionsOnOpenFlow13InsteadOfDroppingThem() {
    OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
    OFFlowAdd add = FlowMods.withActions(factory.buildFlowAdd(), factory,
        List.of(factory.actions().output(OFPort.of(3), 0xffff))).build();
    // Serialise and read back: what the switch would see.
    ByteBuf buf = Unpooled.buffer();
    try {
      add.writeTo(buf);
      OFFlowAdd back = (OFFlowAdd) factory.getReader().readFrom(buf);
      assertThat(((OFInstructionApplyActions) back.getInstructions().get(0)).getActions())
          .containsExactly(factory.actions().output(OFPort.of(3), 0xffff));
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      buf.release();
    }
  }

  @Test
  void withActionsWithNoActionsMeansDrop() {
    OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
    OFFlowAdd add = FlowMods.withActions(factory.buildFlowAdd(), factory, List.of()).build();
    assertThat(add.getInstructions()).isEmpty();
  }
}
