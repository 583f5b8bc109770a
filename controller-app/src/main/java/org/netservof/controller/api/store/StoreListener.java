package org.netservof.controller.api.store;

/**
 * Told about a store's changes, one at a time and in revision order. It must not block: it runs on the
 * thread that made the change (memory) or the store's watch thread (durable stores, etcd).
 */
@FunctionalInterface
public interface StoreListener<K, V> {
  void changed(StoreEvent<K, V> event);
}
