package org.netservof.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.testing.AtOnce;

/** Ids handed out by several members over one shared store: never the same id twice. */
class LastIdsTest {

  @Test
  void twoMembersClaimingAtOnceNeverHandOutTheSameId() throws Exception {
    MemoryStoreService shared = new MemoryStoreService();
    List<LastIds> members = List.of(BridgeStores.lastIds(shared, "services"), BridgeStores.lastIds(shared,
        "services"));
    Set<Integer> handedOut = ConcurrentHashMap.newKeySet();
    List<AtOnce.Task> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      LastIds member = members.get(t % 2);
      tasks.add(() -> {
        for (int i = 0; i < 500; i++) {
          assertThat(handedOut.add(member.claim(last -> last + 1))).as("a fresh id").isTrue();
        }
      });
    }
    AtOnce.run(tasks);
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
