package org.netservof.policy.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The entries and groups some intent wants on the fabric, keyed by their identity on their switch. Two
 * wants of the same identity must agree; a plan refuses to hold both versions of one entry.
 */
public final class Plan {
  private static final Plan EMPTY = new Plan(Map.of(), Map.of());
  private final Map<FlowEntry.Key, FlowEntry> flows;
  private final Map<GroupEntry.Key, GroupEntry> groups;

  /**
   * Copied into hash maps, not {@code Map.copyOf}: its linear probing does not spread hash codes, and Loxi's
   * match hash codes for the split slots of a service sit close together, so lookups in a plan of 10,000
   * entries probed long runs (most of a push's CPU went there).
   */
  private Plan(Map<FlowEntry.Key, FlowEntry> flows, Map<GroupEntry.Key, GroupEntry> groups) {
    this.flows = Collections.unmodifiableMap(new HashMap<>(flows));
    this.groups = Collections.unmodifiableMap(new HashMap<>(groups));
  }

  public static Plan empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Collection<FlowEntry> flows() {
    return flows.values();
  }

  public Collection<GroupEntry> groups() {
    return groups.values();
  }

  Map<FlowEntry.Key, FlowEntry> flowsByKey() {
    return flows;
  }

  Map<GroupEntry.Key, GroupEntry> groupsByKey() {
    return groups;
  }

  /** The switches the plan touches. */
  public Set<DatapathId> switches() {
    Set<DatapathId> out = new TreeSet<>();
    flows.keySet().forEach(k -> out.add(k.dpid()));
    groups.keySet().forEach(k -> out.add(k.dpid()));
    return out;
  }

  /** This plan without anything on one switch. */
  public Plan without(DatapathId dpid) {
    return where(d -> !d.equals(dpid));
  }

  /** This plan's entries and groups on one switch. */
  public Plan on(DatapathId dpid) {
    return where(dpid::equals);
  }

  /** This plan's entries and groups on the switches {@code keep} accepts. */
  public Plan where(Predicate<DatapathId> keep) {
    Builder b = builder();
    flows.values().stream().filter(e -> keep.test(e.dpid())).forEach(b::add);
    groups.values().stream().filter(g -> keep.test(g.dpid())).forEach(b::add);
    return b.build();
  }

  /** This plan's entries and groups whose identities {@code other} does not have. */
  public Plan notIn(Plan other) {
    Builder b = builder();
    flows.forEach((key, e) -> {
      if (!other.flows.containsKey(key)) {
        b.add(e);
      }
    });
    groups.forEach((key, g) -> {
      if (!other.groups.containsKey(key)) {
        b.add(g);
      }
    });
    return b.build();
  }

  /** This plan and another together. */
  public Plan with(Plan other) {
    return builder().addAll(this).addAll(other).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Plan p && flows.equals(p.flows) && groups.equals(p.groups);
  }

  @Override
  public int hashCode() {
    return flows.hashCode() * 31 + groups.hashCode();
  }

  @Override
  public String toString() {
    return "Plan[" + flows.size() + " entries, " + groups.size() + " groups on " + switches().size() + " switches]";
  }

  /** Collects entries; refuses two different entries with one identity. */
  public static final class Builder {
    private final Map<FlowEntry.Key, FlowEntry> flows = new HashMap<>();
    private final Map<GroupEntry.Key, GroupEntry> groups = new HashMap<>();

    public Builder add(FlowEntry entry) {
      FlowEntry before = flows.putIfAbsent(entry.key(), entry);
      if (before != null && !before.equals(entry)) {
        throw new IllegalArgumentException("two different entries for " + entry.key() + ": " + before + " and "
            + entry);
      }
      return this;
    }

    public Builder add(GroupEntry group) {
      GroupEntry before = groups.putIfAbsent(group.key(), group);
      if (before != null && !before.equals(group)) {
        throw new IllegalArgumentException("two different groups for " + group.key());
      }
      return this;
    }

    public Builder addAll(Plan plan) {
      plan.flows().forEach(this::add);
      plan.groups().forEach(this::add);
      return this;
    }

    public Plan build() {
      return new Plan(flows, groups);
    }
  }
}
