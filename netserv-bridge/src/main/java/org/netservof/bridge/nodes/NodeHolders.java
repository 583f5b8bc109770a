package org.netservof.bridge.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.netservof.bridge.api.NodeHolder;
import org.netservof.bridge.api.NodeHolderStore;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.Versioned;
import org.netservof.protocol.node.ChannelMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's holds on node agents' connections in a controller cluster ({@link NodeHolderStore}): a node
 * registers with one member at a time. A registration under an id another member holds (its lease running)
 * is turned away, whatever the newcomer proves: the holder alone can ask its node whether it is still there,
 * and its hold lapses by itself when it dies. A hold whose member has left the cluster (its member lease ran
 * out: killed, cut off) stands no more, so its node is taken over by the member it registers with at once, not
 * only when the hold lapses: meanwhile the node would look dead everywhere and steering would route around it.
 * Alone (no cluster), nothing is written or checked. Thread-safe.
 */
final class NodeHolders {
  private static final Logger log = LoggerFactory.getLogger(NodeHolders.class);

  private final Optional<String> self;
  private final NodeHolderStore store;
  private final Clock clock;
  private final Duration lease;
  private final Predicate<String> liveMember;
  /** This member's holds as it last wrote them, by node. */
  private final Map<String, Versioned<NodeHolder>> mine = new ConcurrentHashMap<>();

  /**
   * @param self this member's instance id; empty when the controller runs alone
   * @param lease how long a hold lasts unless renewed (renewed by the node's heartbeats at half of it)
   */
  NodeHolders(Optional<String> self, NodeHolderStore store, Clock clock, Duration lease) {
    this(self, store, clock, lease, member -> true);
  }

  /** @param liveMember whether a member (by instance id) is in the cluster now */
  NodeHolders(Optional<String> self, NodeHolderStore store, Clock clock, Duration lease,
      Predicate<String> liveMember) {
    this.self = self;
    this.store = store;
    this.clock = clock;
    this.lease = lease;
    this.liveMember = liveMember;
  }

  /** A controller alone: nothing is held in a store, nothing checked. */
  static NodeHolders alone() {
    return new NodeHolders(Optional.empty(), null, Clock.systemUTC(), Duration.ZERO);
  }

  /** Whether this controller is a member of a cluster (and so holds node connections in the store). */
  boolean clustered() {
    return self.isPresent();
  }

  /** This member's instance id; empty alone. */
  Optional<String> self() {
    return self;
  }

  /** What this member tells the others of a node it holds. */
  NodeHolder describe(ChannelMessage.Register registration, String address, List<String> readyUsers) {
    return new NodeHolder(self.orElse(""), address, registration.interfaceName(), registration.blocks(), readyUsers);
  }

  /**
   * The other member whose hold on the node's connection runs now and who is still in the cluster; empty alone,
   * or when none holds it.
   */
  Optional<String> heldElsewhere(String nodeId) {
    return self.flatMap(me -> live(nodeId).map(v -> v.value().instanceId())
        .filter(id -> !id.equals(me) && liveMember.test(id)));
  }

  /** The holder of the node's connection whose hold runs now, this member included. */
  Optional<NodeHolder> holder(String nodeId) {
    return self.isEmpty() ? Optional.empty() : live(nodeId).map(Versioned::value);
  }

  private Optional<Versioned<NodeHolder>> live(String nodeId) {
    Instant now = clock.instant();
    return store.get(nodeId).filter(v -> v.deadline().map(now::isBefore).orElse(true));
  }

  /**
   * Takes the node's connection for this member, unless another member's hold runs (compare-and-set, so two
   * members taking one node at once cannot both have it).
   *
   * @return the member that holds it, when it is not this one
   */
  Optional<String> claim(String nodeId, NodeHolder holder) {
    if (self.isEmpty()) {
      return Optional.empty();
    }
    Optional<Versioned<NodeHolder>> current = store.get(nodeId);
    Optional<String> other = heldElsewhere(nodeId);
    if (other.isPresent()) {
      return other;
    }
    long expected = current.map(Versioned::revision).orElse(0L);
    Optional<Versioned<NodeHolder>> held = store.compareAndSet(nodeId, expected, holder,
        Optional.of(clock.instant().plus(lease)));
    if (held.isEmpty()) {
      return Optional.of(store.get(nodeId).map(v -> v.value().instanceId()).orElse("another member"));
    }
    mine.put(nodeId, held.get());
    return Optional.empty();
  }

  /**
   * Writes what the node says now (ready users changed), or renews the hold when half its lease is gone;
   * nothing when another member took the node meanwhile.
   */
  void update(String nodeId, NodeHolder holder, boolean changed) {
    Versioned<NodeHolder> current = mine.get(nodeId); // (no store read per heartbeat)
    if (current == null) {
      return;
    }
    Instant now = clock.instant();
    boolean due = current.deadline().map(d -> now.plus(lease.dividedBy(2)).isAfter(d)).orElse(true);
    if (changed || due) {
      Optional<Versioned<NodeHolder>> renewed = store.compareAndSet(nodeId, current.revision(), holder,
          Optional.of(now.plus(lease)));
      if (renewed.isPresent()) {
        mine.replace(nodeId, current, renewed.get());
      } else {
        log.warn("node {}: this member's hold on its connection was changed by another; it renews it no more",
            nodeId);
        mine.remove(nodeId, current);
      }
    }
  }

  /**
   * Tells {@code listener} of every change of the holds from now on.
   *
   * @return the holds as they stand now, by node
   */
  Map<String, NodeHolder> follow(StoreListener<String, NodeHolder> listener) {
    store.addListener(listener, store.revision());
    Map<String, NodeHolder> now = new TreeMap<>();
    store.all().forEach((id, v) -> now.put(id, v.value()));
    return now;
  }

  void unfollow(StoreListener<String, NodeHolder> listener) {
    store.removeListener(listener);
  }

  /** This member no longer holds the node's connection (it closed, or the node left). */
  void release(String nodeId) {
    Versioned<NodeHolder> held = mine.remove(nodeId);
    if (held != null) {
      store.remove(nodeId, held.revision()); // not when another member took it meanwhile
    }
  }
}
