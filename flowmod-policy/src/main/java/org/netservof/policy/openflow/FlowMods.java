package org.netservof.policy.openflow;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.netservof.policy.layout.Table;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/** Loxi discipline for flow entries that must work on OpenFlow 1.0 and 1.3 alike. */
public final class FlowMods {
  private FlowMods() {}

  /**
   * Sets the entry's actions in the form its version needs: an action list on 1.0, an explicit
   * apply-actions instruction on 1.1 and later (where {@code setActions} would replace the instruction
   * list without saying so).
   */
  public static <B extends OFFlowMod.Builder> B withActions(B builder, OFFactory factory, List<OFAction> actions) {
    if (factory.getVersion() == OFVersion.OF_10) {
      builder.setActions(actions);
    } else if (actions.isEmpty()) {
      builder.setInstructions(List.of());
    } else {
      builder.setInstructions(List.of(factory.instructions().applyActions(actions)));
    }
    return builder;
  }

  /**
   * Like {@link #withActions}, with the packets first through a meter when one is given. OpenFlow 1.0 has no
   * meters: there the entry is written without one (the caller decides whether that is acceptable).
   */
  public static <B extends OFFlowMod.Builder> B withMeterAndActions(B builder, OFFactory factory, OptionalInt meter,
      List<OFAction> actions) {
    if (meter.isEmpty() || factory.getVersion() == OFVersion.OF_10) {
      return withActions(builder, factory, actions);
    }
    List<OFInstruction> instructions = new ArrayList<>();
    instructions.add(factory.instructions().buildMeter().setMeterId(meter.getAsInt()).build());
    if (!actions.isEmpty()) {
      instructions.add(factory.instructions().applyActions(actions));
    }
    builder.setInstructions(instructions);
    return builder;
  }

  /**
   * Deletes the entries that match {@code match} (non-strictly), belong to the cookie value under the mask,
   * and, unless {@code outPort} is {@link OFPort#ANY}, output to that port.
   *
   * <p>OpenFlow 1.0 has no cookie mask: there the delete selects by match and port only, so it may take
   * entries of other owners with the same match; callers on 1.0 narrow the match accordingly.
   */
  public static OFFlowDelete delete(OFFactory factory, Match match, U64 cookie, U64 cookieMask, OFPort outPort) {
    OFFlowDelete.Builder builder = factory.buildFlowDelete().setMatch(match).setOutPort(outPort);
    if (factory.getVersion() != OFVersion.OF_10) {
      builder.setCookie(cookie).setCookieMask(cookieMask).setTableId(Table.MAIN.id()).setOutGroup(OFGroup.ANY);
    }
    return builder.build();
  }
}
