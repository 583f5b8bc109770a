package org.netservof.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreUnavailableException;

class MemoryIntentStoreTest extends IntentStoreContract {

  @Override
  protected IntentStore<String, String> newStore(int keptEvents) {
    return new MemoryIntentStore<>("test", keptEvents);
  }

  @Test
  void theServiceGivesOneStorePerNameAndRefusesOtherTypes() {
    MemoryStoreService stores = new MemoryStoreService();
    IntentStore<String, String> a = stores.open("a", String.class, String.class);
    assertThat(stores.open("a", String.class, String.class)).isSameAs(a);
    assertThatThrownBy(() -> stores.open("a", String.class, Integer.class))
        .hasMessageContaining("store 'a' is open already for String -> String");
  }

  /** A disk that takes writes until it is full. */
  private static final class FillingDisk implements StoreWriter<String, String> {
    boolean full;
    final List<Long> written = new ArrayList<>();

    @Override
    public void write(List<StoreChange<String, String>> changes, long revision) {
      if (full) {
        throw new StoreUnavailableException("disk full", null);
      }
      written.add(revision);
    }
  }

  @Test
  void aChangeTheDiskRefusesIsNotMadeAndTheCallerIsTold() {
    FillingDisk disk = new FillingDisk();
    MemoryIntentStore<String, String> s = new MemoryIntentStore<>("test", 16, disk, Map.of(), 0);
    Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
    s.put("a", "1", Optional.of(t0));
    List<StoreEvent<String, String>> seen = new ArrayList<>();
    s.addListener(seen::add, s.revision());
    disk.full = true;
    assertThatThrownBy(() -> s.put("b", "2", Optional.empty())).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> s.compareAndSet("a", 1, "3", Optional.empty()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> s.remove("a")).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> s.expire(t0)).isInstanceOf(StoreUnavailableException.class);
    assertThat(s.get("a")).map(v -> v.value()).contains("1");
    assertThat(s.get("b")).isEmpty();
    assertThat(s.revision()).isEqualTo(1);
    assertThat(seen).isEmpty();
    disk.full = false;
    assertThat(s.put("b", "2", Optional.empty()).revision()).as("the failed writes used no revision").isEqualTo(2);
    assertThat(disk.written).containsExactly(1L, 2L);
  }
}
