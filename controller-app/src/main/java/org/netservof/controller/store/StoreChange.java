package org.netservof.controller.store;

import java.util.Objects;
import java.util.Optional;
import org.netservof.controller.api.store.Versioned;

/**
 * One key's change as a {@link StoreWriter} makes it durable.
 *
 * @param after the key's new value; empty when the key goes (removed or expired)
 */
record StoreChange<K, V>(K key, Optional<Versioned<V>> after) {
  StoreChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(after, "after");
  }
}
