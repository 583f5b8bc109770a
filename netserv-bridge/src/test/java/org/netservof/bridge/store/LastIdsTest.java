package org.netservof.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netservof.controller.store.MemoryStoreService;

/** Ids handed out by several members over one shared store: never the same id twice. */
class LastIdsTest {

  @Test
  void twoMembersClaimingAtOnceNeverHandOutTheSameId() throws Exception {
    MemoryStoreService shared = new MemoryStoreService();
    List<LastIds> members = List.of(BridgeStores.lastIds(shared, "services"), BridgeStores.lastIds(shared,
        "services"));
    Set<Integer> handedOut = ConcurrentHashMap.newKeySet();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        LastIds member = members.get(t % 2);
        runs.add(threads.submit(() -> {
          go.await();
          for (int i = 0; i < 500; i++) {
            assertThat(handedOut.add(member.claim(last -> last + 1))).as("a fresh id").isTrue();
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> run : runs) {
        run.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(handedOut).hasSize(2000).contains(1, 2000);
  }

  @Test
  void theNextIdSkipsWhatTheCallerSaysIsTaken() {
    LastIds ids = BridgeStores.lastIds(new MemoryStoreService(), "deployments");
    assertThat(ids.claim(last -> last + 1)).isEqualTo(1);
    assertThat(ids.claim(last -> Math.max(last, 41) + 1)).isEqualTo(42);
    assertThat(ids.claim(last -> last + 1)).isEqualTo(43);
  }
}
