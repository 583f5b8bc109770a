package org.netservof.policy.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.netservof.policy.layout.Table;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMatchV3;
import org.projectfloodlight.openflow.protocol.OFOxmList;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Entries and groups read back from a switch (flow statistics, group descriptions) as plan values, written the
 * way the planner writes them, so that an entry the switch holds as it was sent compares equal to the planned
 * one. Switches report some things differently from how they were sent; {@link #canonical} irons those out
 * (Open vSwitch: a mask of all ones comes back as an exact match, an output's max length matters only towards
 * the controller, the flags only carry what steering sets). Pure: no I/O.
 */
public final class ReadBack {
  /** The flags steering sets and compares; a switch may report others (OVS: none today, but 1.4 adds more). */
  private static final Set<OFFlowModFlags> COMPARED_FLAGS = Set.of(OFFlowModFlags.SEND_FLOW_REM);

  private ReadBack() {}

  /**
   * The entry a flow statistics entry describes, in canonical form; empty for an entry steering never writes: one
   * outside the table steering writes, or with instructions other than apply-actions and meter (goto, write
   * actions, metadata). An empty answer for an entry with steering's cookie means it is extraneous whatever it
   * does.
   */
  public static Optional<FlowEntry> flow(DatapathId dpid, OFFlowStatsEntry s) {
    if (s.getVersion() == OFVersion.OF_10) {
      return Optional.of(canonical(new FlowEntry(dpid, s.getPriority(), s.getMatch(), s.getActions(), s.getCookie(),
          s.getIdleTimeout(), Set.of())));
    }
    if (s.getTableId().getValue() != Table.MAIN.id().getValue()) {
      return Optional.empty();
    }
    List<OFAction> actions = new ArrayList<>();
    OptionalInt meter = OptionalInt.empty();
    for (OFInstruction i : s.getInstructions()) {
      if (i instanceof OFInstructionApplyActions apply) {
        actions.addAll(apply.getActions());
      } else if (i instanceof OFInstructionMeter m) {
        meter = OptionalInt.of((int) m.getMeterId());
      } else {
        return Optional.empty();
      }
    }
    Set<OFFlowModFlags> flags = s.getVersion().compareTo(OFVersion.OF_13) >= 0 ? s.getFlags() : Set.of();
    return Optional.of(canonical(new FlowEntry(dpid, s.getPriority(), s.getMatch(), actions, s.getCookie(),
        s.getIdleTimeout(), flags, meter)));
  }

  /**
   * What a switch holds, in the desired plan's own terms, to diff the desired plan against: an entry or group
   * the switch holds as planned is the planned value (the diff leaves it alone); one that differs is kept under
   * the planned identity with what the switch has (the diff writes it over); one the plan does not want is
   * kept as the switch reports it (the diff deletes exactly that). Entries the switch lacks are absent.
   *
   * @param desired the plan's entries and groups on the switch the read-back came from
   * @param actual what the switch reported, in canonical form
   */
  public static Plan installed(Plan desired, Plan actual) {
    Map<FlowEntry.Key, FlowEntry> wanted = new HashMap<>();
    desired.flows().forEach(e -> wanted.put(canonical(e).key(), e));
    Plan.Builder out = Plan.builder();
    for (FlowEntry has : actual.flows()) {
      FlowEntry want = wanted.get(has.key());
      if (want == null) {
        out.add(has);
      } else if (canonical(want).equals(has)) {
        out.add(want);
      } else {
        out.add(new FlowEntry(want.dpid(), want.priority(), want.match(), has.actions(), has.cookie(),
            has.idleTimeout(), has.flags(), has.meter()));
      }
    }
    Map<GroupEntry.Key, GroupEntry> groups = desired.groupsByKey();
    for (GroupEntry has : actual.groups()) {
      GroupEntry want = groups.get(has.key());
      out.add(want != null && canonical(want).equals(has) ? want : has);
    }
    return out.build();
  }

  /** The group a group description describes, in canonical form. */
  public static GroupEntry group(DatapathId dpid, OFGroupDescStatsEntry g) {
    List<GroupEntry.Bucket> buckets = g.getBuckets().stream()
        .map(b -> new GroupEntry.Bucket(b.getWeight(), b.getActions())).toList();
    return canonical(new GroupEntry(dpid, g.getGroup(), g.getGroupType(), buckets));
  }

  /**
   * An entry as a switch reports it back: exact fields for masks of all ones, no fields for masks of all zeros,
   * output max length only towards the controller, only the flags steering compares.
   */
  public static FlowEntry canonical(FlowEntry e) {
    Set<OFFlowModFlags> flags = e.flags().stream().filter(COMPARED_FLAGS::contains).collect(Collectors.toSet());
    return new FlowEntry(e.dpid(), e.priority(), canonical(e.match()), canonical(e.actions()), e.cookie(),
        e.idleTimeout(), flags, e.meter());
  }

  /**
   * A plan written as switches report it back, so that its identities are those of a read-back: an entry the
   * switch holds is found under its planned identity even when no plan for its switch was known at the audit.
   */
  public static Plan canonical(Plan plan) {
    Plan.Builder b = Plan.builder();
    plan.flows().forEach(e -> b.add(canonical(e)));
    plan.groups().forEach(g -> b.add(canonical(g)));
    return b.build();
  }

  /** A group as a switch reports it back: bucket weights only in SELECT groups. */
  public static GroupEntry canonical(GroupEntry g) {
    List<GroupEntry.Bucket> buckets = g.buckets().stream().map(b -> new GroupEntry.Bucket(
        g.type() == OFGroupType.SELECT ? b.weight() : 0, canonical(b.actions()))).toList();
    return new GroupEntry(g.dpid(), g.group(), g.type(), buckets);
  }

  /**
   * The same match with masks of all ones written as exact fields and masks of all zeros left out (Loxi's own
   * canonical form of each OXM); OpenFlow 1.0 matches are returned as they are.
   */
  public static Match canonical(Match m) {
    if (!(m instanceof OFMatchV3 v3)) {
      return m;
    }
    List<OFOxm<?>> oxms = new ArrayList<>();
    boolean changed = false;
    for (OFOxm<?> oxm : v3.getOxmList()) {
      OFOxm<?> c = oxm.getCanonical();
      changed |= c != oxm;
      if (c != null) {
        oxms.add(c);
      }
    }
    // Most matches are canonical already: no new match for them (a push canonicalises every planned entry).
    return changed ? v3.createBuilder().setOxmList(OFOxmList.ofList(oxms)).build() : m;
  }

  private static List<OFAction> canonical(List<OFAction> actions) {
    return actions.stream().map(a -> a instanceof OFActionOutput o && !OFPort.CONTROLLER.equals(o.getPort())
        ? o.createBuilder().setMaxLen(0).build() : a).toList();
  }
}
