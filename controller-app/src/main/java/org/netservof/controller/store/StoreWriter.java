package org.netservof.controller.store;

import java.util.List;

/**
 * Where a {@link MemoryIntentStore} makes its changes durable. Called under the store's lock, before a change
 * becomes visible (to readers, listeners, the caller), so memory never shows what the disk does not hold.
 */
@FunctionalInterface
interface StoreWriter<K, V> {

  /** For stores that live in memory only. */
  static <K, V> StoreWriter<K, V> none() {
    return (changes, revision) -> { };
  }

  /**
   * Makes the changes, and {@code revision} as the store's revision, durable together, or none of them.
   *
   * @throws org.netservof.controller.api.store.StoreUnavailableException when they could not be written;
   *     nothing was changed and the store applies nothing
   */
  void write(List<StoreChange<K, V>> changes, long revision);
}
