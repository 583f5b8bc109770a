package org.netservof.bridge.steering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.plan.GroupEntry;
import org.netservof.policy.plan.Plan;
import org.netservof.policy.plan.PlanDiff;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * What one audit repairs on the switches it read back: every entry, group and meter written or deleted there
 * because the switch was unlike intent, in words. Changes on switches the audit did not read are intent
 * changes, not repairs, and are not collected. Worker thread only.
 */
final class Repairs {
  enum Kind { ADDED, MODIFIED, DELETED }

  /** One repair: what it did, and to what, in words ("entry cookie 0x... (service 5) priority 30100: missing"). */
  record Repair(Kind kind, String what) {}

  private final Set<DatapathId> audited;
  private final Map<DatapathId, List<Repair>> found = new TreeMap<>();

  Repairs(Set<DatapathId> audited) {
    this.audited = Set.copyOf(audited);
  }

  Map<DatapathId, List<Repair>> found() {
    return found;
  }

  void add(DatapathId dpid, Kind kind, String what) {
    if (audited.contains(dpid)) {
      found.computeIfAbsent(dpid, d -> new ArrayList<>()).add(new Repair(kind, what));
    }
  }

  /** The repairs in a diff from what the switches hold ({@code installed}, as read back) to intent. */
  void diff(PlanDiff diff, Plan installed) {
    Set<FlowEntry.Key> present = new java.util.HashSet<>();
    installed.flows().forEach(e -> present.add(e.key()));
    for (FlowEntry e : diff.flowsToWrite()) {
      boolean had = present.contains(e.key());
      add(e.dpid(), had ? Kind.MODIFIED : Kind.ADDED, entry(e) + (had ? ": differed from intent" : ": missing"));
    }
    diff.flowsToDelete().forEach(e -> add(e.dpid(), Kind.DELETED, entry(e) + ": not in intent"));
    diff.groupsToWrite().forEach(g -> add(g.dpid(), Kind.ADDED, group(g) + ": missing"));
    diff.groupsToModify().forEach(g -> add(g.dpid(), Kind.MODIFIED, group(g) + ": differed from intent"));
    diff.groupsToDelete().forEach(g -> add(g.dpid(), Kind.DELETED, group(g) + ": not in intent"));
  }

  /** The repairs among meter messages about to be written. */
  void meters(Map<DatapathId, List<OFMessage>> messages) {
    messages.forEach((dpid, batch) -> batch.stream().filter(m -> m instanceof OFMeterMod).forEach(m -> {
      OFMeterMod mod = (OFMeterMod) m;
      Kind kind = mod.getCommand() == OFMeterModCommand.ADD ? Kind.ADDED
          : mod.getCommand() == OFMeterModCommand.MODIFY ? Kind.MODIFIED : Kind.DELETED;
      add(dpid, kind, "meter " + mod.getMeterId());
    }));
  }

  static String entry(FlowEntry e) {
    String owner = Cookie.read(e.cookie()).filter(c -> c.service() != 0).map(c -> " (service " + c.service() + ")")
        .orElse("");
    return "entry cookie " + e.cookie() + owner + " priority " + e.priority() + " " + e.match();
  }

  private static String group(GroupEntry g) {
    return "group " + g.group().getGroupNumber();
  }
}
