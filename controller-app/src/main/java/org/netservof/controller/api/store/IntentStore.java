package org.netservof.controller.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A keyed store of intent (see the package's documentation for revisions, leases and events). Thread-safe.
 * Keys and values are immutable; a write completes when the change is as durable as the implementation
 * makes it (memory: at once; the embedded store: committed to its file, and forced to the disk with
 * {@code store-sync}), so a caller may acknowledge it to its own caller. A durable store that cannot make a
 * change durable throws {@link StoreUnavailableException} from the write and changes nothing.
 */
public interface IntentStore<K, V> {

  /** The store's name, for logs and errors ("services", "deployments", ...). */
  String name();

  Optional<Versioned<V>> get(K key);

  /** Every value, as of one revision. */
  Map<K, Versioned<V>> all();

  /** The revision of the last change; 0 for a store never written. */
  long revision();

  /** Creates or replaces the key's value, with the given lease deadline (empty: none). */
  Versioned<V> put(K key, V value, Optional<Instant> deadline);

  /**
   * Writes the key only if its current revision is {@code expected} (0: only if the key is absent).
   *
   * @return the new value, or empty when the expectation failed; then nothing changed
   */
  Optional<Versioned<V>> compareAndSet(K key, long expected, V value, Optional<Instant> deadline);

  /** Removes the key; empty when it was absent. */
  Optional<Versioned<V>> remove(K key);

  /** Removes the key only if its current revision is {@code expected}; false (nothing changed) otherwise. */
  boolean remove(K key, long expected);

  /**
   * Expires every value whose deadline is at or before {@code now}, each with an {@link StoreEvent.Type#EXPIRE}
   * event. Stores whose server keeps leases itself (etcd) expire on their own and may return nothing here.
   *
   * @return the keys expired by this call
   */
  List<K> expire(Instant now);

  /**
   * Adds a listener and first gives it, in order, the events after {@code afterRevision} that the store
   * still keeps; pass {@link #revision()} for live events only.
   *
   * @throws CompactedRevisionException when some events after that revision are no longer kept; the listener
   *     is then not added
   */
  void addListener(StoreListener<K, V> listener, long afterRevision);

  void removeListener(StoreListener<K, V> listener);
}
