package org.netservof.controller.store.etcd;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.store.IntentStoreContract;
import org.netservof.controller.testing.EtcdCluster;
import org.netservof.controller.testing.Eventually;

/**
 * The store contract on etcd (a real one-member etcd, one namespace per test). Time is the wall clock, as
 * etcd's leases run on the server's: a deadline is expired when etcd deletes its lease's key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtcdIntentStoreIT extends IntentStoreContract {
  private EtcdCluster etcd;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private int namespaces;

  @BeforeAll
  void startEtcd(@TempDir Path dir) {
    etcd = EtcdCluster.start(dir, 1);
  }

  @AfterAll
  void stopEtcd() {
    etcd.close();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    opened.clear();
  }

  @Override
  protected IntentStore<String, String> newStore(int keptEvents) {
    try {
      EtcdConnection connection = EtcdConnection.open(new EtcdSettings(etcd.endpoints(), Optional.empty(),
          Optional.empty(), Optional.empty(), "/contract" + (++namespaces) + "/", Duration.ofSeconds(5)));
      opened.add(connection);
      EtcdStoreService stores = EtcdStoreService.open(connection, Clock.systemUTC(), keptEvents);
      opened.add(stores);
      return stores.open("test", String.class, String.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected Instant now() {
    return Instant.now();
  }

  /** Waits for the wall clock to reach {@code then}, then for etcd to delete every value due by then. */
  @Override
  protected List<String> expireUntil(Instant then) {
    Map<String, Versioned<String>> before = store.all();
    while (Instant.now().isBefore(then)) {
      LockSupport.parkUntil(then.toEpochMilli());
    }
    List<String> due = before.entrySet().stream()
        .filter(e -> e.getValue().deadline().map(d -> !d.isAfter(then)).orElse(false)).map(Map.Entry::getKey)
        .toList();
    Eventually.waitFor("etcd to expire " + due, Duration.ofSeconds(10),
        () -> due.stream().noneMatch(k -> store.get(k).isPresent()));
    return before.keySet().stream().filter(k -> store.get(k).isEmpty()).toList();
  }
}
