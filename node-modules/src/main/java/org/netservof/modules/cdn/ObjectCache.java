package org.netservof.modules.cdn;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The node's copy of the provider's objects: at most {@code maxBytes} of bodies, no object over
 * {@code maxObjectBytes}, each served for {@code ttlNanos} after it was fetched, the least recently used
 * evicted first. Thread-safe; times are {@code nanoTime} values passed in.
 */
final class ObjectCache {
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
    if (object.size() > maxObjectBytes) {
      return false;
    }
    remove(key);
    Iterator<Map.Entry<String, CachedObject>> eldest = objects.entrySet().iterator();
    while (bytes + object.size() > maxBytes && eldest.hasNext()) {
      bytes -= eldest.next().getValue().size();
      eldest.remove();
    }
    objects.put(key, object);
    bytes += object.size();
    return true;
  }

  private void remove(String key) {
    CachedObject old = objects.remove(key);
    if (old != null) {
      bytes -= old.size();
    }
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int size() {
    return objects.size();
  }
}
