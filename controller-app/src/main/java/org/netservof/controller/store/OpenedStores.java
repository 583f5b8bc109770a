package org.netservof.controller.store;

import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.netservof.controller.api.store.IntentStore;

/** The stores a {@link org.netservof.controller.api.store.StoreService} opened, one per name and types. */
public final class OpenedStores {

  private record Opened(Class<?> keyType, Class<?> valueType, IntentStore<?, ?> store) {}

  private final Map<String, Opened> opened = new ConcurrentHashMap<>();

  /** The store of that name, made by {@code create} the first time. */
  @SuppressWarnings("unchecked")
  public <K, V> IntentStore<K, V> open(String name, Class<K> keyType, Class<V> valueType,
      Supplier<IntentStore<K, V>> create) {
    Opened o = opened.computeIfAbsent(name, n -> new Opened(keyType, valueType, create.get()));
    if (!o.keyType().equals(keyType) || !o.valueType().equals(valueType)) {
      throw new IllegalArgumentException("store '" + name + "' is open already for " + o.keyType().getSimpleName()
          + " -> " + o.valueType().getSimpleName() + ", not " + keyType.getSimpleName() + " -> "
          + valueType.getSimpleName());
    }
    return (IntentStore<K, V>) o.store();
  }

  /** The names opened so far, sorted. */
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(opened.keySet()));
  }
}
