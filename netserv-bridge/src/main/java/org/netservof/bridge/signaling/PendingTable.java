package org.netservof.bridge.signaling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.netservof.bridge.signaling.OnPathRelay.Key;
import org.netservof.bridge.signaling.OnPathRelay.Pending;

/**
 * Requests passed on and waiting for their answer, by requester and destination. A client that keeps several
 * requests open from one socket has several under one key: an answer from further along is matched by its
 * nonce, an ICMP port-unreachable by the UDP checksum it quotes (the oldest when none matches).
 *
 * <p>The table has a bound. Only verified requests of configured users come here, each for at most the
 * downstream timeout; when it is full a newcomer is refused, not an older entry evicted: an evicted request
 * would be answered early with an incomplete stack and its late answer passed on as a second one, so one
 * user's burst would break other users' requests already on their way.
 */
final class PendingTable {
  /** For a datagram whose checksum is not known. */
  static final int ANY_CHECKSUM = -1;

  private final int bound;
  private final Map<Key, List<Pending>> byKey = new HashMap<>();
  private int size;

  PendingTable(int bound) {
    this.bound = bound;
  }

  /** Adds a request that waits; false, and nothing added, when the table is full. */
  synchronized boolean add(Key key, Pending p) {
    if (size >= bound) {
      return false;
    }
    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    size++;
    return true;
  }

  int bound() {
    return bound;
  }

  synchronized boolean remove(Key key, Pending p) {
    return take(key, q -> q == p).isPresent();
  }

  synchronized boolean has(Key key, String nonce) {
    return byKey.getOrDefault(key, List.of()).stream().anyMatch(p -> nonce.equals(p.request.nonce().orElse("")));
  }

  synchronized Optional<Pending> takeByNonce(Key key, String nonce) {
    return take(key, p -> nonce.equals(p.request.nonce().orElse("")));
  }

  synchronized Optional<Pending> takeAnsweredBy(Key key, int checksum) {
    Optional<Pending> exact = take(key, p -> p.datagram.checksum() == checksum);
    return exact.isPresent() ? exact : take(key, p -> true);
  }

  /** Empties the table; returns what waited. */
  synchronized List<Pending> clear() {
    List<Pending> all = new ArrayList<>();
    byKey.values().forEach(all::addAll);
    byKey.clear();
    size = 0;
    return all;
  }

  synchronized int size() {
    return size;
  }

  private Optional<Pending> take(Key key, Predicate<Pending> which) {
    List<Pending> waiting = byKey.get(key);
    if (waiting == null) {
      return Optional.empty();
    }
    for (int i = 0; i < waiting.size(); i++) {
      if (which.test(waiting.get(i))) {
        Pending p = waiting.remove(i);
        size--;
        if (waiting.isEmpty()) {
          byKey.remove(key);
        }
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
