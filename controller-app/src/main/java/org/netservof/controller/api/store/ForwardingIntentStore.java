package org.netservof.controller.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands every call to another store: the base of a module's typed store interface ({@code ServiceStore
 * extends IntentStore<Integer, ServiceInfo>}) over whichever implementation {@link StoreService} opened.
 */
public abstract class ForwardingIntentStore<K, V> implements IntentStore<K, V> {
  private final IntentStore<K, V> delegate;

  protected ForwardingIntentStore(IntentStore<K, V> delegate) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Optional<Versioned<V>> get(K key) {
    return delegate.get(key);
  }

  @Override
  public Map<K, Versioned<V>> all() {
    return delegate.all();
  }

  @Override
  public long revision() {
    return delegate.revision();
  }

  @Override
  public Versioned<V> put(K key, V value, Optional<Instant> deadline) {
    return delegate.put(key, value, deadline);
  }

  @Override
  public Optional<Versioned<V>> compareAndSet(K key, long expected, V value, Optional<Instant> deadline) {
    return delegate.compareAndSet(key, expected, value, deadline);
  }

  @Override
  public Optional<Versioned<V>> remove(K key) {
    return delegate.remove(key);
  }

  @Override
  public boolean remove(K key, long expected) {
    return delegate.remove(key, expected);
  }

  @Override
  public List<K> expire(Instant now) {
    return delegate.expire(now);
  }

  @Override
  public void addListener(StoreListener<K, V> listener, long afterRevision) {
    delegate.addListener(listener, afterRevision);
  }

  @Override
  public void removeListener(StoreListener<K, V> listener) {
    delegate.removeListener(listener);
  }
}
