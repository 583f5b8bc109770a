package org.netservof.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.store.CompactedRevisionException;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.Versioned;

/** The store contract on the embedded store, and what it keeps across a restart. */
class EmbeddedIntentStoreTest extends IntentStoreContract {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path dir;
  private final List<EmbeddedStoreService> opened = new ArrayList<>();

  @Override
  protected IntentStore<String, String> newStore(int keptEvents) {
    return reopen(keptEvents).open("test", String.class, String.class);
  }

  @AfterEach
  void closeAll() {
    opened.forEach(EmbeddedStoreService::close);
  }

  /** Closes what is open (a clean stop) and opens the file again. */
  private EmbeddedStoreService reopen(int keptEvents) {
    closeAll();
    opened.clear();
    try {
      EmbeddedStoreService stores = EmbeddedStoreService.open(dir.resolve("intent.mv.db"), false, keptEvents);
      opened.add(stores);
      return stores;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private IntentStore<String, String> restarted() {
    return reopen(16).open("test", String.class, String.class);
  }

  @Test
  void aRestartedStoreHoldsEveryValueWithItsRevisionAndDeadline() {
    Versioned<String> a = store.put("a", "1", Optional.of(T0.plusSeconds(30)));
    Versioned<String> b = store.put("b", "2", Optional.empty());
    store.put("gone", "3", Optional.empty());
    store.remove("gone");
    IntentStore<String, String> again = restarted();
    assertThat(again.all()).containsOnlyKeys("a", "b");
    assertThat(again.get("a")).contains(a);
    assertThat(again.get("b")).contains(b);
    assertThat(again.revision()).isEqualTo(4);
  }

  @Test
  void revisionsKeepRisingAcrossRestartsSoACompareAndSetCannotHitAnOldOne() {
    long first = store.put("a", "1", Optional.empty()).revision();
    store.remove("a");
    IntentStore<String, String> again = restarted();
    Versioned<String> next = again.put("a", "2", Optional.empty());
    assertThat(next.revision()).isGreaterThan(first + 1);
    assertThat(again.compareAndSet("a", first, "stale", Optional.empty())).isEmpty();
  }

  @Test
  void aLeaseThatRanOutWhileTheControllerWasDownExpiresAtTheFirstExpire() {
    store.put("short", "1", Optional.of(T0.plusSeconds(10)));
    store.put("long", "2", Optional.of(T0.plusSeconds(3600)));
    IntentStore<String, String> again = restarted();
    List<StoreEvent<String, String>> seen = new ArrayList<>();
    again.addListener(seen::add, again.revision());
    assertThat(again.expire(T0.plusSeconds(60))).containsExactly("short");
    assertThat(seen).extracting(StoreEvent::type).containsExactly(StoreEvent.Type.EXPIRE);
    assertThat(restarted().all()).containsOnlyKeys("long");
  }

  @Test
  void aListenerOfARestartedStoreStartsFromItsRevision() {
    store.put("a", "1", Optional.empty());
    IntentStore<String, String> again = restarted();
    assertThatThrownBy(() -> again.addListener(e -> { }, 0)).isInstanceOf(CompactedRevisionException.class);
    List<StoreEvent<String, String>> seen = new ArrayList<>();
    again.addListener(seen::add, again.revision());
    again.put("b", "2", Optional.empty());
    assertThat(seen).extracting(StoreEvent::revision).containsExactly(2L);
  }

  @Test
  void storesOfOneFileAreSeparate() {
    EmbeddedStoreService stores = reopen(16);
    IntentStore<Integer, String> numbers = stores.open("numbers", Integer.class, String.class);
    numbers.put(7, "seven", Optional.empty());
    stores.open("test", String.class, String.class).put("7", "text", Optional.empty());
    EmbeddedStoreService again = reopen(16);
    assertThat(again.open("numbers", Integer.class, String.class).get(7)).map(Versioned::value).contains("seven");
    assertThat(again.open("numbers", Integer.class, String.class).revision()).isEqualTo(1);
    assertThat(again.open("test", String.class, String.class).get("7")).map(Versioned::value).contains("text");
  }

  @Test
  void aStoredValueOfAnotherTypeIsRefusedNotDropped() {
    store.put("a", "not a number", Optional.empty());
    EmbeddedStoreService again = reopen(16);
    assertThatThrownBy(() -> again.open("test", String.class, Integer.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds a value of 'test' this controller cannot read")
        .hasMessageContaining("intent.mv.db");
  }
}
