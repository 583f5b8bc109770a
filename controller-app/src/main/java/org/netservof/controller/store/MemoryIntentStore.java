package org.netservof.controller.store;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.netservof.controller.api.store.CompactedRevisionException;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An intent store in memory: for tests, and the state every other implementation mirrors. Writes hold one
 * lock; events go to listeners after the lock is released, one at a time and in revision order (a Guava
 * sequential executor), so a listener may read or write the store. The last {@code keptEvents} events are
 * kept for listeners that resume from a revision.
 *
 * <p>A durable store is this store with a {@link StoreWriter}: every change is handed to it under the lock
 * before it is applied, and a change it fails to write is not applied, so memory and disk never differ and
 * revisions, leases and events have one owner whichever store runs.
 */
public final class MemoryIntentStore<K, V> implements IntentStore<K, V> {
  private static final Logger log = LoggerFactory.getLogger(MemoryIntentStore.class);
  static final int DEFAULT_KEPT_EVENTS = 4096;

  /** One event for the listeners that were there when it happened. */
  private record Delivery<K, V>(StoreEvent<K, V> event, List<StoreListener<K, V>> to) {}

  private final String name;
  private final int keptEvents;
  private final StoreWriter<K, V> writer;
  private final Map<K, Versioned<V>> values = new HashMap<>();
  private final Deque<StoreEvent<K, V>> history = new ArrayDeque<>();
  private final List<StoreListener<K, V>> listeners = new CopyOnWriteArrayList<>();
  private final Queue<Delivery<K, V>> pending = new ConcurrentLinkedQueue<>();
  private final Executor delivery = MoreExecutors.newSequentialExecutor(MoreExecutors.directExecutor());
  private long revision;

  public MemoryIntentStore(String name) {
    this(name, DEFAULT_KEPT_EVENTS);
  }

  public MemoryIntentStore(String name, int keptEvents) {
    this(name, keptEvents, StoreWriter.none(), Map.of(), 0);
  }

  /**
   * A store that starts from what a durable store loaded and writes every change through {@code writer}.
   * Events before {@code revision} are not kept: a listener must start from {@code revision} or later.
   */
  MemoryIntentStore(String name, int keptEvents, StoreWriter<K, V> writer, Map<K, Versioned<V>> loaded,
      long revision) {
    this.name = Objects.requireNonNull(name, "name");
    if (keptEvents < 1) {
      throw new IllegalArgumentException("keptEvents must be at least 1, was " + keptEvents);
    }
    this.keptEvents = keptEvents;
    this.writer = Objects.requireNonNull(writer, "writer");
    this.values.putAll(loaded);
    this.revision = revision;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized Optional<Versioned<V>> get(K key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public synchronized Map<K, Versioned<V>> all() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  @Override
  public synchronized long revision() {
    return revision;
  }

  @Override
  public Versioned<V> put(K key, V value, Optional<Instant> deadline) {
    Versioned<V> written;
    synchronized (this) {
      written = write(key, value, deadline);
    }
    deliver();
    return written;
  }

  @Override
  public Optional<Versioned<V>> compareAndSet(K key, long expected, V value, Optional<Instant> deadline) {
    Versioned<V> written;
    synchronized (this) {
      if (currentRevision(key) != expected) {
        return Optional.empty();
      }
      written = write(key, value, deadline);
    }
    deliver();
    return Optional.of(written);
  }

  @Override
  public Optional<Versioned<V>> remove(K key) {
    Versioned<V> gone;
    synchronized (this) {
      gone = delete(key, StoreEvent.Type.REMOVE);
    }
    deliver();
    return Optional.ofNullable(gone);
  }

  @Override
  public boolean remove(K key, long expected) {
    synchronized (this) {
      if (expected == 0 || currentRevision(key) != expected) {
        return false;
      }
      delete(key, StoreEvent.Type.REMOVE);
    }
    deliver();
    return true;
  }

  @Override
  public List<K> expire(Instant now) {
    List<K> expired = new ArrayList<>();
    synchronized (this) {
      values.forEach((key, v) -> {
        if (v.deadline().map(d -> !d.isAfter(now)).orElse(false)) {
          expired.add(key);
        }
      });
      if (!expired.isEmpty()) {
        writer.write(expired.stream().map(k -> new StoreChange<K, V>(k, Optional.empty())).toList(),
            revision + expired.size());
        expired.forEach(key -> unlink(key, StoreEvent.Type.EXPIRE));
      }
    }
    deliver();
    return List.copyOf(expired);
  }

  @Override
  public void addListener(StoreListener<K, V> listener, long afterRevision) {
    Objects.requireNonNull(listener, "listener");
    synchronized (this) {
      long oldestKept = history.isEmpty() ? revision + 1 : history.peekFirst().revision();
      if (afterRevision < oldestKept - 1) {
        throw new CompactedRevisionException(afterRevision, oldestKept);
      }
      for (StoreEvent<K, V> e : history) {
        if (e.revision() > afterRevision) {
          pending.add(new Delivery<>(e, List.of(listener)));
        }
      }
      listeners.add(listener);
    }
    deliver();
  }

  @Override
  public void removeListener(StoreListener<K, V> listener) {
    listeners.remove(listener);
  }

  private long currentRevision(K key) {
    Versioned<V> v = values.get(key);
    return v == null ? 0 : v.revision();
  }

  /** Under the lock. */
  private Versioned<V> write(K key, V value, Optional<Instant> deadline) {
    Objects.requireNonNull(key, "key");
    Versioned<V> written = new Versioned<>(value, revision + 1, deadline);
    writer.write(List.of(new StoreChange<>(key, Optional.of(written))), written.revision());
    Versioned<V> before = values.put(key, written);
    revision = written.revision();
    record(new StoreEvent<>(StoreEvent.Type.PUT, key, Optional.ofNullable(before).map(Versioned::value),
        Optional.of(value), revision));
    return written;
  }

  /** Under the lock; null when absent. */
  private Versioned<V> delete(K key, StoreEvent.Type type) {
    if (values.containsKey(key)) {
      writer.write(List.of(new StoreChange<>(key, Optional.empty())), revision + 1);
    }
    return unlink(key, type);
  }

  /** Under the lock, once the removal is written; null when absent. */
  private Versioned<V> unlink(K key, StoreEvent.Type type) {
    Versioned<V> before = values.remove(key);
    if (before != null) {
      revision++;
      record(new StoreEvent<>(type, key, Optional.of(before.value()), Optional.empty(), revision));
    }
    return before;
  }

  private void record(StoreEvent<K, V> event) {
    history.addLast(event);
    if (history.size() > keptEvents) {
      history.removeFirst();
    }
    pending.add(new Delivery<>(event, List.copyOf(listeners)));
  }

  /** Hands every queued event to the sequential executor; runs them here unless another thread is. */
  private void deliver() {
    int queued = pending.size();
    for (int i = 0; i < queued; i++) {
      delivery.execute(this::deliverNext);
    }
  }

  private void deliverNext() {
    Delivery<K, V> d = pending.poll();
    if (d == null) {
      return;
    }
    for (StoreListener<K, V> l : d.to()) {
      try {
        l.changed(d.event());
      } catch (RuntimeException e) {
        log.error("store {}: listener {} failed on revision {} ({} {})", name, l.getClass().getName(),
            d.event().revision(), d.event().type(), d.event().key(), e);
      }
    }
  }
}
