package org.netservof.policy.plan;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.netservof.policy.layout.Table;
import org.netservof.policy.openflow.FlowMods;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * One flow entry a plan wants on a switch, as a value: comparable, diffable, and turned into messages
 * only when it is pushed. Its identity on the switch is (switch, priority, match).
 */
public record FlowEntry(DatapathId dpid, int priority, Match match, List<OFAction> actions, U64 cookie,
    int idleTimeout, Set<OFFlowModFlags> flags, OptionalInt meter) {

  public FlowEntry {
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(match, "match");
    actions = List.copyOf(actions);
    Objects.requireNonNull(cookie, "cookie");
    flags = Set.copyOf(flags);
    Objects.requireNonNull(meter, "meter");
    if (priority < 0 || priority > 0xffff) {
      throw new IllegalArgumentException("priority must be in 0..65535, was " + priority);
    }
  }

  public FlowEntry(DatapathId dpid, int priority, Match match, List<OFAction> actions, U64 cookie,
      int idleTimeout, Set<OFFlowModFlags> flags) {
    this(dpid, priority, match, actions, cookie, idleTimeout, flags, OptionalInt.empty());
  }

  public FlowEntry(DatapathId dpid, int priority, Match match, List<OFAction> actions, U64 cookie) {
    this(dpid, priority, match, actions, cookie, 0, Set.of());
  }

  /** The same entry with its packets first through a meter (OpenFlow 1.3+; empty for none). */
  public FlowEntry withMeter(OptionalInt meterId) {
    return new FlowEntry(dpid, priority, match, actions, cookie, idleTimeout, flags, meterId);
  }

  /** What identifies the entry on the switch; a second entry with the same key replaces the first. */
  public Key key() {
    return new Key(dpid, priority, match);
  }

  /** The identity of an entry on its switch. */
  public record Key(DatapathId dpid, int priority, Match match) {}

  public OFFlowAdd toAdd(OFFactory f) {
    OFFlowAdd.Builder b = f.buildFlowAdd().setPriority(priority).setMatch(match).setCookie(cookie)
        .setIdleTimeout(idleTimeout).setFlags(flags);
    if (f.getVersion() != OFVersion.OF_10) {
      b.setTableId(Table.MAIN.id());
    }
    return FlowMods.withMeterAndActions(b, f, meter, actions).build();
  }

  public OFFlowDeleteStrict toDelete(OFFactory f) {
    OFFlowDeleteStrict.Builder b = f.buildFlowDeleteStrict().setPriority(priority).setMatch(match)
        .setOutPort(OFPort.ANY);
    if (f.getVersion() != OFVersion.OF_10) {
      b.setTableId(Table.MAIN.id()).setOutGroup(OFGroup.ANY);
    }
    return b.build();
  }
}
