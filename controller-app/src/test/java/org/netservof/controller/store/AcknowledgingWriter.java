package org.netservof.controller.store;

import java.nio.file.Path;
import java.util.Optional;
import org.netservof.controller.api.store.IntentStore;

/**
 * A child process for {@link StoreCrashIT}: opens the embedded store and writes keys 1, 2, ... to its
 * "services" store, printing each key once {@code put} returned, as a controller acknowledges a change to its
 * caller. Arguments: the store file, how many keys, and whether to sync.
 */
public final class AcknowledgingWriter {
  private AcknowledgingWriter() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[1]);
    try (EmbeddedStoreService stores = EmbeddedStoreService.open(Path.of(args[0]), Boolean.parseBoolean(args[2]))) {
      IntentStore<Integer, String> services = stores.open("services", Integer.class, String.class);
      System.out.println("open");
      System.out.flush();
      for (int key = 1; key <= count; key++) {
        services.put(key, value(key), Optional.empty());
        System.out.println(key);
        System.out.flush();
      }
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  static String value(int key) {
    return "service " + key + " steers udp to 10.0.0." + (key % 250) + "/32";
  }
}
