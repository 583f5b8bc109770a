package org.netservof.controller.staticentry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * The OpenFlow messages that put static entries on a switch and take them off: pure, no I/O. Every message
 * given here is an entry's {@link OFFlowAdd} or {@link OFGroupAdd} in the switch's version.
 */
final class StaticEntryMessages {
  private StaticEntryMessages() {}

  /**
   * Whether two entries are the same object on the switch, so that writing one replaces the other: the same
   * group number, or (OpenFlow) the same table, priority and match.
   */
  static boolean sameObject(OFMessage a, OFMessage b) {
    if (a.getVersion() != b.getVersion() || (a instanceof OFGroupAdd) != (b instanceof OFGroupAdd)) {
      return false;
    }
    if (a instanceof OFGroupAdd ga) {
      return ga.getGroup().equals(((OFGroupAdd) b).getGroup());
    }
    OFFlowAdd fa = (OFFlowAdd) a;
    OFFlowAdd fb = (OFFlowAdd) b;
    return fa.getPriority() == fb.getPriority() && fa.getMatch().equals(fb.getMatch())
        && (fa.getVersion() == OFVersion.OF_10 || fa.getTableId().equals(fb.getTableId()));
  }

  /** Writes an entry over the same object: a group is modified in place, a flow added again (it replaces). */
  static OFMessage replacing(OFMessage add, OFFactory f) {
    if (add instanceof OFGroupAdd g) {
      return f.buildGroupModify().setGroup(g.getGroup()).setGroupType(g.getGroupType()).setBuckets(g.getBuckets())
          .build();
    }
    return add;
  }

  /** Removes exactly this entry: strict match and priority, and (1.1+) its table and cookie under a full mask. */
  static OFMessage delete(OFMessage add, OFFactory f) {
    if (add instanceof OFGroupAdd g) {
      return f.buildGroupDelete().setGroup(g.getGroup()).setGroupType(g.getGroupType()).build();
    }
    OFFlowAdd a = (OFFlowAdd) add;
    var b = f.buildFlowDeleteStrict().setMatch(a.getMatch()).setPriority(a.getPriority()).setOutPort(OFPort.ANY);
    if (f.getVersion() != OFVersion.OF_10) {
      b.setTableId(a.getTableId()).setOutGroup(OFGroup.ANY).setCookie(a.getCookie()).setCookieMask(U64.of(-1L));
    }
    return b.build();
  }

  /**
   * A switch's entries written again after it connected: groups first, so the flows that use them find them. A
   * group the switch kept ({@code kept}) is modified in place: deleting it would take the flows that use it, and
   * their traffic, along. With {@code kept} unknown (empty: the switch did not list its groups), each group is
   * deleted then added, since it may have survived and a second ADD would fail.
   */
  static List<OFMessage> reinstall(Collection<OFMessage> adds, OFFactory f, Optional<Set<OFGroup>> kept) {
    List<OFMessage> batch = new ArrayList<>();
    adds.stream().filter(m -> m instanceof OFGroupAdd).map(OFGroupAdd.class::cast).forEach(g -> {
      if (kept.isEmpty()) {
        batch.add(delete(g, f));
        batch.add(g);
      } else {
        batch.add(kept.get().contains(g.getGroup()) ? replacing(g, f) : g);
      }
    });
    adds.stream().filter(m -> m instanceof OFFlowAdd).forEach(batch::add);
    return batch;
  }
}
