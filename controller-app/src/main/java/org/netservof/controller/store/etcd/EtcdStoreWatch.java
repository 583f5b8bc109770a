package org.netservof.controller.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one watch over every store's keys ({@code <namespace>stores/}): loaded whole by one range read, then
 * watched from the revision after it, so every change is applied to the stores' caches once and in etcd's
 * revision order. Changes of stores not opened yet are kept raw until they are.
 *
 * <p>Two threads, where the lead's design had one: caches are updated on jetcd's watch thread and listeners
 * run on one delivery thread, in the same order. A listener that writes a store waits for its write to
 * reach the cache; on a single thread it would wait for itself.
 *
 * <p>A broken watch (a member restarted, the connection lost) is started again from the revision after the
 * last one applied, so nothing is seen twice or missed. When etcd has compacted those revisions away, every
 * store is read whole again and each cache tells its listeners the difference as events.
 */
final class EtcdStoreWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EtcdStoreWatch.class);
  private static final long RESTART_PAUSE_MILLIS = 500;

  /** Where a store's changes go once it is open. Called under the watch's lock. */
  interface Sink {
    /** Applies one change; returns what its listeners must be told (run on the delivery thread). */
    Runnable apply(String key, KeyValue kv, boolean deleted);

    /** Replaces the cache by what a full read found at {@code revision}; returns the events to tell. */
    Runnable reload(Map<String, KeyValue> now, long revision);
  }

  private final EtcdConnection connection;
  private final EtcdCalls calls;
  private final String prefix;
  private final Map<String, Sink> sinks = new HashMap<>();
  private final Map<String, Map<String, KeyValue>> unopened = new HashMap<>();
  private final ExecutorService delivery;
  private final ScheduledExecutorService restarts;
  private volatile Thread deliveryThread;
  private long applied;
  private long delivered;
  private Watch.Watcher watcher;
  private boolean closed;
  /** Set when the watch fails, cleared by its next answer: an etcd that stays down is logged once. */
  private volatile boolean broken;

  private EtcdStoreWatch(EtcdConnection connection, EtcdCalls calls) {
    this.connection = connection;
    this.calls = calls;
    this.prefix = connection.settings().namespace() + "stores/";
    this.delivery = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "etcd-store-events");
      t.setDaemon(true);
      deliveryThread = t;
      return t;
    });
    this.restarts = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "etcd-store-watch");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Reads every store and starts watching after that read.
   *
   * @throws org.netservof.controller.api.store.StoreUnavailableException when etcd does not answer the read
   */
  static EtcdStoreWatch start(EtcdConnection connection, EtcdCalls calls) {
    EtcdStoreWatch watch = new EtcdStoreWatch(connection, calls);
    try {
      watch.reload();
    } catch (RuntimeException e) {
      watch.close();
      throw e;
    }
    return watch;
  }

  String prefix() {
    return prefix;
  }

  /** Opens a store: {@code create} gets the store's keys as last seen, and the revision they are as of. */
  synchronized <S extends Sink> S open(String name, Function<Map<String, KeyValue>, S> create) {
    S sink = create.apply(Map.copyOf(unopened.getOrDefault(name, Map.of())));
    unopened.remove(name);
    sinks.put(name, sink);
    return sink;
  }

  /** The revision of the last change applied to the caches. */
  synchronized long applied() {
    return applied;
  }

  /**
   * Registers something with a store (a listener) and queues what it returns for the delivery thread, both
   * under the lock, so no change is applied between the two and its events follow the returned ones.
   */
  synchronized Future<?> register(Supplier<Runnable> registration) {
    return delivery.submit(registration.get());
  }

  boolean onDeliveryThread() {
    return Thread.currentThread() == deliveryThread;
  }

  /**
   * Waits until the caches hold {@code revision} and, unless called by a listener, until the listeners have
   * been told; false when that took longer than {@code deadline}.
   */
  synchronized boolean await(long revision, Instant deadline) {
    boolean listener = onDeliveryThread();
    while (applied < revision || (!listener && delivered < revision)) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left <= 0 || closed) {
        return false;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void onResponse(WatchResponse response) {
    if (broken) {
      broken = false;
      log.info("etcd store watch resumed after revision {}", applied());
    }
    List<Runnable> tell = new ArrayList<>();
    long last;
    synchronized (this) {
      for (WatchEvent e : response.getEvents()) {
        KeyValue kv = e.getKeyValue();
        if (kv.getModRevision() <= applied) {
          continue; // seen already, before a restart of the watch
        }
        tell.add(route(kv, e.getEventType() == WatchEvent.EventType.DELETE));
        applied = kv.getModRevision();
      }
      last = applied;
      notifyAll();
    }
    if (!tell.isEmpty()) {
      deliver(tell, last);
    }
  }

  /** Under the lock. */
  private Runnable route(KeyValue kv, boolean deleted) {
    String full = kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length());
    int slash = full.indexOf('/');
    if (slash < 0) {
      log.warn("etcd key {}{} is not a store's key (<store>/<key>); ignored", prefix, full);
      return () -> { };
    }
    String name = full.substring(0, slash);
    String key = full.substring(slash + 1);
    Sink sink = sinks.get(name);
    if (sink != null) {
      return sink.apply(key, kv, deleted);
    }
    Map<String, KeyValue> raw = unopened.computeIfAbsent(name, n -> new HashMap<>());
    if (deleted) {
      raw.remove(key);
    } else {
      raw.put(key, kv);
    }
    return () -> { };
  }

  private void deliver(List<Runnable> tell, long revision) {
    delivery.execute(() -> {
      tell.forEach(Runnable::run);
      synchronized (this) {
        delivered = Math.max(delivered, revision);
        notifyAll();
      }
    });
  }

  private void onError(Throwable t) {
    boolean compacted = t instanceof CompactedException || t.getCause() instanceof CompactedException;
    String what = compacted ? "those revisions are compacted: reading every store again" : "resuming it";
    if (compacted || !broken) {
      log.warn("etcd store watch broken after revision {} ({}); {}", applied(), t.getMessage(), what);
    } else {
      log.debug("etcd store watch still broken after revision {} ({}); {}", applied(), t.getMessage(), what);
    }
    broken = true;
    schedule(compacted);
  }

  private synchronized void schedule(boolean reload) {
    if (closed) {
      return;
    }
    restarts.schedule(() -> {
      try {
        if (reload) {
          reload();
        } else {
          watchFrom(applied() + 1);
        }
      } catch (RuntimeException e) {
        log.warn("etcd store watch not restarted yet ({}); trying again", e.getMessage());
        schedule(reload);
      }
    }, RESTART_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Reads every store whole, hands each open store the difference and watches from after the read. */
  private void reload() {
    ByteSequence key = EtcdConnection.bytes(prefix);
    GetResponse read = calls.call("*", "reading every store", attempt -> connection.client().getKVClient()
        .get(key, GetOption.builder().isPrefix(true).build()));
    long revision = read.getHeader().getRevision();
    Map<String, Map<String, KeyValue>> byStore = new HashMap<>();
    for (KeyValue kv : read.getKvs()) {
      String full = kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length());
      int slash = full.indexOf('/');
      if (slash > 0) {
        byStore.computeIfAbsent(full.substring(0, slash), n -> new HashMap<>()).put(full.substring(slash + 1), kv);
      }
    }
    List<Runnable> tell = new ArrayList<>();
    synchronized (this) {
      sinks.forEach((name, sink) -> tell.add(sink.reload(byStore.getOrDefault(name, Map.of()), revision)));
      unopened.clear();
      byStore.forEach((name, kvs) -> {
        if (!sinks.containsKey(name)) {
          unopened.put(name, kvs);
        }
      });
      applied = Math.max(applied, revision);
      notifyAll();
    }
    deliver(tell, revision);
    watchFrom(revision + 1);
  }

  private synchronized void watchFrom(long revision) {
    if (closed) {
      return;
    }
    if (watcher != null) {
      watcher.close();
    }
    watcher = connection.client().getWatchClient().watch(EtcdConnection.bytes(prefix),
        WatchOption.builder().isPrefix(true).withRevision(revision).build(),
        Watch.listener(this::onResponse, this::onError));
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (watcher != null) {
        watcher.close();
      }
      notifyAll();
    }
    restarts.shutdownNow();
    delivery.shutdown();
  }
}
