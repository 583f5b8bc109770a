package org.netservof.modules.cdn;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The node's copy of the provider's objects: at most {@code maxBytes} of bodies, keys and a fixed bookkeeping
 * cost per entry (so endless distinct paths of empty objects cannot grow it), no object over
 * {@code maxObjectBytes}, each served for {@code ttlNanos} after it was fetched; room is made from stale objects
 * first, then from the least recently used. Thread-safe; times are {@code nanoTime} values passed in.
 */
final class ObjectCache {
  /** What an entry costs beyond its body and key: the map's node, the object, its headers. */
  static final int ENTRY_OVERHEAD = 128;

  private final long maxBytes;
  private final int maxObjectBytes;
  private final long ttlNanos;
  private final LinkedHashMap<String, CachedObject> objects = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  ObjectCache(long maxBytes, int maxObjectBytes, long ttlNanos) {
    this.maxBytes = maxBytes;
    this.maxObjectBytes = maxObjectBytes;
    this.ttlNanos = ttlNanos;
  }

  /** The object at {@code key} while it is fresh; a stale one is forgotten. */
  synchronized Optional<CachedObject> get(String key, long now) {
    CachedObject o = objects.get(key);
    if (o != null && now - o.fetchedAt() >= ttlNanos) {
      remove(key);
      return Optional.empty();
    }
    return Optional.ofNullable(o);
  }

  /** Keeps {@code object} (unless it is too large), evicting the least recently used to make room. */
  synchronized boolean put(String key, CachedObject object) {
    long cost = cost(key, object);
    if (object.size() > maxObjectBytes || cost > maxBytes) {
      return false;
    }
    remove(key);
    if (bytes + cost > maxBytes) {
      evict(e -> object.fetchedAt() - e.getValue().fetchedAt() >= ttlNanos, cost); // stale ones first
      evict(e -> true, cost);
    }
    objects.put(key, object);
    bytes += cost;
    return true;
  }

  /** Removes entries that {@code which} picks, least recently used first, until {@code cost} more fits. */
  private void evict(Predicate<Map.Entry<String, CachedObject>> which, long cost) {
    Iterator<Map.Entry<String, CachedObject>> it = objects.entrySet().iterator();
    while (bytes + cost > maxBytes && it.hasNext()) {
      Map.Entry<String, CachedObject> e = it.next();
      if (which.test(e)) {
        bytes -= cost(e.getKey(), e.getValue());
        it.remove();
      }
    }
  }

  private static long cost(String key, CachedObject object) {
    return object.size() + key.length() + ENTRY_OVERHEAD;
  }

  private void remove(String key) {
    CachedObject old = objects.remove(key);
    if (old != null) {
      bytes -= cost(key, old);
    }
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int size() {
    return objects.size();
  }
}
