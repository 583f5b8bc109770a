package org.netservof.bridge.steering;

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
 * store ("marks"), which is the only copy: entries left on the switches and containers left on the nodes carry
 * them, so a restart must give every target the mark it had, and in a cluster every member must give a target
 * the same mark and never give one mark to two targets. So a new mark is claimed twice with compare-and-set:
 * the number (key {@code #3001}: node ids cannot hold '#'), then the target (key {@code node/user}); a member
 * that loses either race gives the number back and reads what the winner wrote.
 */
final class MarkTable {
  /** A target: a node, or a user's container on it. */
  record Target(String nodeId, Optional<String> user) {}

  private static final String CLAIM = "#";
  private final PortRange range;
  private final IntentStore<String, MarkIntent> store;

  MarkTable(PortRange range, IntentStore<String, MarkIntent> store) {
    this.range = range;
    this.store = store;
  }

  /** The target's mark, allocated (and stored) on first use. */
  int markOf(Target target) throws SteeringException {
    String key = new MarkIntent(target.nodeId(), target.user(), range.low()).key();
    for (int attempt = 0; attempt < 100; attempt++) {
      Optional<Versioned<MarkIntent>> known = store.get(key);
      if (known.isPresent()) {
        return known.get().value().mark();
      }
      MarkIntent intent = new MarkIntent(target.nodeId(), target.user(), lowestFree(target));
      if (store.compareAndSet(CLAIM + intent.mark(), 0, intent, Optional.empty()).isEmpty()) {
        continue; // another member took this number first: look again
      }
      if (store.compareAndSet(key, 0, intent, Optional.empty()).isPresent()) {
        return intent.mark();
      }
      store.remove(CLAIM + intent.mark()); // another member gave the target its mark meanwhile
    }
    throw new SteeringException("no mark for " + target + ": the marks store kept changing under this controller");
  }

  private int lowestFree(Target target) throws SteeringException {
    TreeSet<Integer> used = new TreeSet<>();
    store.all().values().forEach(v -> used.add(v.value().mark()));
    for (int candidate = range.low(); candidate <= range.high(); candidate++) {
      if (!used.contains(candidate)) {
        return candidate;
      }
    }
    throw new SteeringException("no mark left for " + target + ": the " + range.size() + " VLAN ids of " + range
        + " are all in use");
  }

  /** Frees every mark of a node (its targets' records and the numbers they claimed). */
  void release(String nodeId) {
    store.all().forEach((key, v) -> {
      if (v.value().nodeId().equals(nodeId)) {
        store.remove(key);
      }
    });
  }
}
