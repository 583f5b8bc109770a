package org.netservof.controller.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreService;

/** Stores in memory: intent lasts as long as the process. */
public final class MemoryStoreService implements StoreService {

  private record Opened(Class<?> keyType, Class<?> valueType, IntentStore<?, ?> store) {}

  private final Map<String, Opened> opened = new ConcurrentHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> IntentStore<K, V> open(String name, Class<K> keyType, Class<V> valueType) {
    Opened o = opened.computeIfAbsent(name, n -> new Opened(keyType, valueType, new MemoryIntentStore<K, V>(n)));
    if (!o.keyType().equals(keyType) || !o.valueType().equals(valueType)) {
      throw new IllegalArgumentException("store '" + name + "' is open already for " + o.keyType().getSimpleName()
          + " -> " + o.valueType().getSimpleName() + ", not " + keyType.getSimpleName() + " -> "
          + valueType.getSimpleName());
    }
    return (IntentStore<K, V>) o.store();
  }
}
