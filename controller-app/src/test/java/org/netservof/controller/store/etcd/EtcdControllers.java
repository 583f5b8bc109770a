package org.netservof.controller.store.etcd;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netservof.controller.api.store.IntentStore;

/** Controllers' etcd stores a test opens ("controllers" without the rest of a controller), all closed at its end. */
final class EtcdControllers implements AutoCloseable {
  private final List<EtcdStoreConfig.EtcdStores> opened = new CopyOnWriteArrayList<>();

  EtcdStoreConfig.EtcdStores open(EtcdSettings settings) throws IOException {
    EtcdStoreConfig.EtcdStores stores = EtcdStoreConfig.EtcdStores.open(settings, Clock.systemUTC());
    opened.add(stores);
    return stores;
  }

  /** Closes one as a controller that stops. */
  void close(EtcdStoreConfig.EtcdStores stores) {
    opened.remove(stores);
    stores.close();
  }

  /** The store every test here writes. */
  static IntentStore<String, String> services(EtcdStoreConfig.EtcdStores stores) {
    return stores.service().open("services", String.class, String.class);
  }

  @Override
  public void close() {
    opened.forEach(EtcdStoreConfig.EtcdStores::close);
  }
}
