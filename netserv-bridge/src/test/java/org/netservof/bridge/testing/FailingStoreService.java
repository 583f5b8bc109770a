package org.netservof.bridge.testing;

import java.time.Instant;
import java.util.Optional;
import org.netservof.controller.api.store.ForwardingIntentStore;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.store.MemoryStoreService;

/**
 * Memory stores whose writes fail while {@link #failing} is set, as a durable store's do on a full or read-only
 * disk; reads keep working. Opening the same name again gives the same data, as a restart over a durable store.
 */
public final class FailingStoreService implements StoreService {
  private final MemoryStoreService memory = new MemoryStoreService();
  /** When set, every write throws. */
  public volatile boolean failing;

  @Override
  public <K, V> IntentStore<K, V> open(String name, Class<K> keyType, Class<V> valueType) {
    return new Failing<>(memory.open(name, keyType, valueType));
  }

  private void check(String store) {
    if (failing) {
      throw new StoreUnavailableException("store " + store + " cannot write: No space left on device");
    }
  }

  private final class Failing<K, V> extends ForwardingIntentStore<K, V> {
    Failing(IntentStore<K, V> delegate) {
      super(delegate);
    }

    @Override
    public Versioned<V> put(K key, V value, Optional<Instant> deadline) {
      check(name());
      return super.put(key, value, deadline);
    }

    @Override
    public Optional<Versioned<V>> compareAndSet(K key, long expected, V value, Optional<Instant> deadline) {
      check(name());
      return super.compareAndSet(key, expected, value, deadline);
    }

    @Override
    public Optional<Versioned<V>> remove(K key) {
      check(name());
      return super.remove(key);
    }

    @Override
    public boolean remove(K key, long expected) {
      check(name());
      return super.remove(key, expected);
    }
  }
}
