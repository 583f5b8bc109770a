package org.netservof.bridge.steering;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.netservof.bridge.api.MarkIntent;
import org.netservof.bridge.api.SteeringException;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.Versioned;
import org.netservof.policy.filter.PortRange;

/**
 * The VLAN ids that carry frames to each target: a node (for services without a user) or one user's
 * container on a node. Allocated lowest first from the configured range, freed with their node. Kept in their
 * store ("marks") and read back at start: entries left on the switches and containers left on the nodes carry
 * them, so a restart must give every target the mark it had. Not thread-safe: the steering manager guards it.
 */
final class MarkTable {
  /** A target: a node, or a user's container on it. */
  record Target(String nodeId, Optional<String> user) {}

  private final PortRange range;
  private final IntentStore<String, MarkIntent> store;
  private final Map<Target, Integer> marks = new HashMap<>();

  MarkTable(PortRange range, IntentStore<String, MarkIntent> store) {
    this.range = range;
    this.store = store;
    for (Versioned<MarkIntent> v : store.all().values()) {
      marks.put(new Target(v.value().nodeId(), v.value().user()), v.value().mark());
    }
  }

  /** The target's mark, allocated (and stored) on first use. */
  int markOf(Target target) throws SteeringException {
    Integer mark = marks.get(target);
    if (mark != null) {
      return mark;
    }
    TreeSet<Integer> used = new TreeSet<>(marks.values());
    for (int candidate = range.low(); candidate <= range.high(); candidate++) {
      if (!used.contains(candidate)) {
        MarkIntent intent = new MarkIntent(target.nodeId(), target.user(), candidate);
        store.put(intent.key(), intent, Optional.empty());
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
    store.all().values().stream().map(Versioned::value).filter(m -> m.nodeId().equals(nodeId))
        .forEach(m -> store.remove(m.key()));
  }
}
