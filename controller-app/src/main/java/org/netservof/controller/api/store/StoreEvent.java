package org.netservof.controller.api.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One change of a store, in revision order.
 *
 * @param before the value before the change; empty for a creation
 * @param after the value after it; empty for a removal or an expiry
 * @param revision the store revision of the change
 */
public record StoreEvent<K, V>(Type type, K key, Optional<V> before, Optional<V> after, long revision) {

  /** What happened to the key. */
  public enum Type {
    /** Created or replaced. */
    PUT,
    /** Removed by a caller. */
    REMOVE,
    /** Removed by the store because its lease's deadline passed. */
    EXPIRE
  }

  public StoreEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if ((type == Type.PUT) != after.isPresent()) {
      throw new IllegalArgumentException(type + " event must " + (type == Type.PUT ? "" : "not ")
          + "have a value after");
    }
  }
}
