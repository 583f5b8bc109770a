package org.netservof.controller.api.store;

import java.util.Collections;
import java.util.SortedSet;

/**
 * Opens the controller's intent stores. The "store" configuration picks the implementation for all of them;
 * every module opens its own stores by name at init.
 */
public interface StoreService {

  /**
   * The store of that name, created empty on first use; the same instance for the same name.
   *
   * @param valueType the values' type, for implementations that serialise them (a record with Jackson)
   * @throws IllegalArgumentException when the name is open already with other types
   */
  <K, V> IntentStore<K, V> open(String name, Class<K> keyType, Class<V> valueType);

  /**
   * The names of the stores opened so far in this process (Floodlight's storage tables), sorted; empty for an
   * implementation that cannot list them.
   */
  default SortedSet<String> names() {
    return Collections.emptySortedSet();
  }
}
