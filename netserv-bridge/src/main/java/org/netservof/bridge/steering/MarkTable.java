package org.netservof.bridge.steering;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.netservof.bridge.api.SteeringException;
import org.netservof.policy.filter.PortRange;

/**
 * The VLAN ids that carry frames to each target: a node (for services without a user) or one user's
 * container on a node. Allocated lowest first from the configured range, freed with their node. Not
 * thread-safe: the steering manager guards it.
 */
final class MarkTable {
  /** A target: a node, or a user's container on it. */
  record Target(String nodeId, Optional<String> user) {}

  private final PortRange range;
  private final Map<Target, Integer> marks = new HashMap<>();

  MarkTable(PortRange range) {
    this.range = range;
  }

  /** The target's mark, allocated on first use. */
  int markOf(Target target) throws SteeringException {
    Integer mark = marks.get(target);
    if (mark != null) {
      return mark;
    }
    TreeSet<Integer> used = new TreeSet<>(marks.values());
    for (int candidate = range.low(); candidate <= range.high(); candidate++) {
      if (!used.contains(candidate)) {
        marks.put(target, candidate);
        return candidate;
      }
    }
    throw new SteeringException("no mark left for " + target + ": the " + range.size() + " VLAN ids of " + range
        + " are all in use");
  }

  /** Frees every mark of a node. */
  void release(String nodeId) {
    marks.keySet().removeIf(t -> t.nodeId().equals(nodeId));
  }
}
