package org.netservof.policy.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * What turns the installed plan into the desired one, make-before-break: first every group and entry the
 * desired plan adds or changes (groups before the entries that point at them), then, once those are
 * confirmed, every entry and group it no longer wants (entries before the groups they point at). Traffic
 * always has a complete path: the new one exists before the old one goes.
 */
public final class PlanDiff {
  private final List<GroupEntry> groupsToWrite = new ArrayList<>();
  private final List<GroupEntry> groupsToModify = new ArrayList<>();
  private final List<FlowEntry> flowsToWrite = new ArrayList<>();
  private final List<FlowEntry> flowsToDelete = new ArrayList<>();
  private final List<GroupEntry> groupsToDelete = new ArrayList<>();

  private PlanDiff() {}

  public static PlanDiff between(Plan installed, Plan desired) {
    PlanDiff d = new PlanDiff();
    desired.groupsByKey().forEach((key, group) -> {
      GroupEntry before = installed.groupsByKey().get(key);
      if (before == null) {
        d.groupsToWrite.add(group);
      } else if (!before.equals(group)) {
        d.groupsToModify.add(group);
      }
    });
    desired.flowsByKey().forEach((key, flow) -> {
      if (!flow.equals(installed.flowsByKey().get(key))) {
        d.flowsToWrite.add(flow);
      }
    });
    installed.flowsByKey().forEach((key, flow) -> {
      if (!desired.flowsByKey().containsKey(key)) {
        d.flowsToDelete.add(flow);
      }
    });
    installed.groupsByKey().forEach((key, group) -> {
      if (!desired.groupsByKey().containsKey(key)) {
        d.groupsToDelete.add(group);
      }
    });
    return d;
  }

  public boolean isEmpty() {
    return groupsToWrite.isEmpty() && groupsToModify.isEmpty() && flowsToWrite.isEmpty() && flowsToDelete.isEmpty()
        && groupsToDelete.isEmpty();
  }

  public List<FlowEntry> flowsToWrite() {
    return List.copyOf(flowsToWrite);
  }

  public List<FlowEntry> flowsToDelete() {
    return List.copyOf(flowsToDelete);
  }

  public List<GroupEntry> groupsToWrite() {
    return List.copyOf(groupsToWrite);
  }

  public List<GroupEntry> groupsToModify() {
    return List.copyOf(groupsToModify);
  }

  public List<GroupEntry> groupsToDelete() {
    return List.copyOf(groupsToDelete);
  }

  /** Phase one, per switch: new and changed groups, then new and changed entries. */
  public Map<DatapathId, List<OFMessage>> make(Function<DatapathId, OFFactory> factories) {
    Map<DatapathId, List<OFMessage>> out = new TreeMap<>();
    groupsToWrite.forEach(g -> add(out, g.dpid(), g.toAdd(factories.apply(g.dpid()))));
    groupsToModify.forEach(g -> add(out, g.dpid(), g.toModify(factories.apply(g.dpid()))));
    flowsToWrite.forEach(e -> add(out, e.dpid(), e.toAdd(factories.apply(e.dpid()))));
    return out;
  }

  /** Phase two, per switch, after phase one is confirmed: entries no longer wanted, then their groups. */
  public Map<DatapathId, List<OFMessage>> breakOld(Function<DatapathId, OFFactory> factories) {
    Map<DatapathId, List<OFMessage>> out = new TreeMap<>();
    flowsToDelete.forEach(e -> add(out, e.dpid(), e.toDelete(factories.apply(e.dpid()))));
    groupsToDelete.forEach(g -> add(out, g.dpid(), g.toDelete(factories.apply(g.dpid()))));
    return out;
  }

  private static void add(Map<DatapathId, List<OFMessage>> out, DatapathId dpid, OFMessage m) {
    out.computeIfAbsent(dpid, k -> new ArrayList<>()).add(m);
  }

  @Override
  public String toString() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("groups added", groupsToWrite.size());
    counts.put("groups changed", groupsToModify.size());
    counts.put("entries written", flowsToWrite.size());
    counts.put("entries deleted", flowsToDelete.size());
    counts.put("groups deleted", groupsToDelete.size());
    return "PlanDiff" + counts;
  }
}
