package org.netservof.controller.store;

import java.util.SortedSet;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreService;

/** Stores in memory: intent lasts as long as the process. */
public final class MemoryStoreService implements StoreService {
  private final OpenedStores opened = new OpenedStores();

  @Override
  public SortedSet<String> names() {
    return opened.names();
  }

  @Override
  public <K, V> IntentStore<K, V> open(String name, Class<K> keyType, Class<V> valueType) {
    return opened.open(name, keyType, valueType, () -> new MemoryIntentStore<>(name));
  }
}
