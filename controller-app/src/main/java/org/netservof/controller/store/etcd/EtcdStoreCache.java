package org.netservof.controller.store.etcd;

import io.etcd.jetcd.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netservof.controller.api.store.CompactedRevisionException;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.store.StoreCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One etcd store's values as the watch last applied them, the events since the store was opened (the last
 * {@code keptEvents}), and its listeners. A deletion whose value's deadline has passed is an
 * {@link StoreEvent.Type#EXPIRE}: etcd ended its lease (or a caller removed a value that was due anyway).
 * The value before each change is the cache's own (it holds every key since the store was read), so the
 * watch does not ask etcd for previous values ({@code withPrevKV}) and no value travels twice.
 */
final class EtcdStoreCache<K, V> implements EtcdStoreWatch.Sink {
  private static final Logger log = LoggerFactory.getLogger(EtcdStoreCache.class);
  private final String name;
  private final StoreCodec<K, V> codec;
  private final EtcdStoreContext shared;
  private final Map<K, Versioned<V>> values = new HashMap<>();
  private final Deque<StoreEvent<K, V>> history = new ArrayDeque<>();
  private final List<StoreListener<K, V>> listeners = new CopyOnWriteArrayList<>();
  private long revision;
  /** The history holds every event after this revision. */
  private long keptAfter;

  /**
   * @param loaded the store's keys and etcd's values for them
   * @param revision the etcd revision they are as of: the store's revision until its next change
   * @throws IllegalStateException when a stored value does not read back
   */
  EtcdStoreCache(String name, StoreCodec<K, V> codec, EtcdStoreContext shared, Map<String, KeyValue> loaded,
      long revision) {
    this.name = name;
    this.codec = codec;
    this.shared = shared;
    this.revision = this.keptAfter = revision;
    try {
      loaded.forEach((key, kv) -> values.put(codec.key(key), decode(kv)));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("etcd holds a value of store '" + name + "' this controller cannot read ("
          + e.getMessage() + "): run the version that wrote it, or restore an etcd snapshot", e);
    }
  }

  synchronized Optional<Versioned<V>> get(K key) {
    return Optional.ofNullable(values.get(key));
  }

  synchronized Map<K, Versioned<V>> all() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  synchronized long revision() {
    return revision;
  }

  /**
   * Adds the listener; returns the replay of the kept events after {@code afterRevision}, to run before any
   * later event reaches it.
   */
  synchronized Runnable listen(StoreListener<K, V> listener, long afterRevision) {
    if (afterRevision < keptAfter) {
      throw new CompactedRevisionException(afterRevision, keptAfter + 1);
    }
    List<StoreEvent<K, V>> replay = history.stream().filter(e -> e.revision() > afterRevision).toList();
    listeners.add(listener);
    return () -> replay.forEach(e -> tell(listener, e));
  }

  void removeListener(StoreListener<K, V> listener) {
    listeners.remove(listener);
  }

  @Override
  public synchronized Runnable apply(String key, KeyValue kv, boolean deleted) {
    K k;
    Optional<Versioned<V>> after;
    try {
      k = codec.key(key);
      after = deleted ? Optional.empty() : Optional.of(decode(kv));
    } catch (IllegalArgumentException e) {
      log.error("store {}: etcd revision {} holds a value this controller cannot read ({}); ignored", name,
          kv.getModRevision(), e.getMessage());
      return () -> { };
    }
    return change(k, after, kv.getModRevision()).map(this::toListeners).orElse(() -> { });
  }

  @Override
  public synchronized Runnable reload(Map<String, KeyValue> now, long at) {
    Map<K, Versioned<V>> read = new HashMap<>();
    now.forEach((key, kv) -> {
      try {
        read.put(codec.key(key), decode(kv));
      } catch (IllegalArgumentException e) {
        log.error("store {}: key {} holds a value this controller cannot read ({}); ignored", name, key,
            e.getMessage());
      }
    });
    List<Runnable> tell = new ArrayList<>();
    for (K gone : List.copyOf(values.keySet())) {
      if (!read.containsKey(gone)) {
        change(gone, Optional.empty(), at).ifPresent(e -> tell.add(toListeners(e)));
      }
    }
    read.forEach((key, v) -> {
      Versioned<V> had = values.get(key);
      if (had == null || had.revision() != v.revision()) {
        change(key, Optional.of(v), at).ifPresent(e -> tell.add(toListeners(e)));
      }
    });
    revision = Math.max(revision, at);
    return () -> tell.forEach(Runnable::run);
  }

  /** Applies one key's change and records its event; empty when it changed nothing (an absent key deleted). */
  private Optional<StoreEvent<K, V>> change(K key, Optional<Versioned<V>> after, long at) {
    Versioned<V> before = after.isPresent() ? values.put(key, after.get()) : values.remove(key);
    if (before == null && after.isEmpty()) {
      return Optional.empty();
    }
    revision = Math.max(revision, at);
    StoreEvent.Type type = after.isPresent() ? StoreEvent.Type.PUT : expired(before)
        ? StoreEvent.Type.EXPIRE : StoreEvent.Type.REMOVE;
    StoreEvent<K, V> event = new StoreEvent<>(type, key, Optional.ofNullable(before).map(Versioned::value),
        after.map(Versioned::value), at);
    history.addLast(event);
    if (history.size() > shared.keptEvents()) {
      keptAfter = history.removeFirst().revision();
    }
    return Optional.of(event);
  }

  private boolean expired(Versioned<V> before) {
    return before.deadline().map(d -> !d.isAfter(shared.clock().instant())).orElse(false);
  }

  private Runnable toListeners(StoreEvent<K, V> event) {
    List<StoreListener<K, V>> to = List.copyOf(listeners);
    return () -> to.forEach(l -> tell(l, event));
  }

  private void tell(StoreListener<K, V> listener, StoreEvent<K, V> event) {
    try {
      listener.changed(event);
    } catch (RuntimeException e) {
      log.error("store {}: listener {} failed on revision {} ({} {})", name, listener.getClass().getName(),
          event.revision(), event.type(), event.key(), e);
    }
  }

  private Versioned<V> decode(KeyValue kv) {
    return codec.value(kv.getValue().toString(StandardCharsets.UTF_8), kv.getModRevision());
  }
}
