package org.netservof.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.store.CompactedRevisionException;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreEvent.Type;
import org.netservof.controller.api.store.Versioned;

/**
 * What every intent store implementation must do; each implementation's test extends this. Published in
 * controller-app's test JAR for stores in other modules.
 */
public abstract class IntentStoreContract {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  protected IntentStore<String, String> store;

  /** A fresh, empty store that keeps at least the last {@code keptEvents} events. */
  protected abstract IntentStore<String, String> newStore(int keptEvents);

  @BeforeEach
  void open() {
    store = newStore(16);
  }

  @Test
  void everyWriteRaisesTheRevisionAndTheValueCarriesIt() {
    assertThat(store.revision()).isZero();
    Versioned<String> a = store.put("a", "1", Optional.empty());
    Versioned<String> b = store.put("b", "2", Optional.of(T0));
    assertThat(a.revision()).isEqualTo(1);
    assertThat(b.revision()).isEqualTo(2);
    assertThat(store.revision()).isEqualTo(2);
    assertThat(store.get("b")).contains(b);
    assertThat(store.all()).containsOnlyKeys("a", "b");
  }

  @Test
  void compareAndSetWritesOnlyOverTheExpectedRevision() {
    assertThat(store.compareAndSet("a", 0, "1", Optional.empty())).isPresent();
    assertThat(store.compareAndSet("a", 0, "again", Optional.empty())).as("absent expected, key present").isEmpty();
    long rev = store.get("a").orElseThrow().revision();
    assertThat(store.compareAndSet("a", rev + 5, "2", Optional.empty())).isEmpty();
    assertThat(store.get("a").orElseThrow().value()).isEqualTo("1");
    assertThat(store.compareAndSet("a", rev, "2", Optional.empty())).map(Versioned::value).contains("2");
  }

  @Test
  void removeByRevisionRefusesAStaleOne() {
    long rev = store.put("a", "1", Optional.empty()).revision();
    store.put("a", "2", Optional.empty());
    assertThat(store.remove("a", rev)).isFalse();
    assertThat(store.get("a")).isPresent();
    assertThat(store.remove("a", store.get("a").orElseThrow().revision())).isTrue();
    assertThat(store.get("a")).isEmpty();
    assertThat(store.remove("a")).isEmpty();
  }

  @Test
  void leasesExpireAtTheirAbsoluteDeadline() {
    store.put("short", "1", Optional.of(T0.plusSeconds(10)));
    store.put("long", "2", Optional.of(T0.plusSeconds(60)));
    store.put("forever", "3", Optional.empty());
    List<StoreEvent<String, String>> seen = listen(store.revision());
    assertThat(store.expire(T0.plusSeconds(9))).isEmpty();
    assertThat(store.expire(T0.plusSeconds(10))).containsExactly("short");
    assertThat(store.all()).containsOnlyKeys("long", "forever");
    assertThat(seen).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(Type.EXPIRE);
      assertThat(e.before()).contains("1");
      assertThat(e.after()).isEmpty();
    });
  }

  @Test
  void eventsArriveInRevisionOrderWithBeforeAndAfter() {
    List<StoreEvent<String, String>> seen = listen(0);
    store.put("a", "1", Optional.empty());
    store.put("a", "2", Optional.empty());
    store.remove("a");
    assertThat(seen).extracting(StoreEvent::type).containsExactly(Type.PUT, Type.PUT, Type.REMOVE);
    assertThat(seen).extracting(StoreEvent::revision).containsExactly(1L, 2L, 3L);
    assertThat(seen.get(1).before()).contains("1");
    assertThat(seen.get(1).after()).contains("2");
  }

  @Test
  void aListenerResumesFromARevisionItSaw() {
    store.put("a", "1", Optional.empty());
    store.put("b", "2", Optional.empty());
    store.put("c", "3", Optional.empty());
    List<StoreEvent<String, String>> seen = listen(1);
    store.put("d", "4", Optional.empty());
    assertThat(seen).extracting(StoreEvent::key).containsExactly("b", "c", "d");
  }

  @Test
  void resumingFromAForgottenRevisionIsRefused() {
    for (int i = 0; i < 40; i++) {
      store.put("k" + i, "v", Optional.empty());
    }
    assertThatThrownBy(() -> listen(1)).isInstanceOf(CompactedRevisionException.class)
        .hasMessageContaining("read the store whole");
    assertThat(listen(store.revision())).isEmpty();
  }

  @Test
  void aListenerMayWriteTheStore() {
    store.addListener(e -> {
      if (e.type() == Type.PUT && e.key().equals("a")) {
        store.put("echo", e.after().orElseThrow(), Optional.empty());
      }
    }, store.revision());
    store.put("a", "1", Optional.empty());
    assertThat(store.get("echo")).map(Versioned::value).contains("1");
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    store.addListener(e -> {
      throw new IllegalStateException("listener bug");
    }, 0);
    List<StoreEvent<String, String>> seen = listen(0);
    store.put("a", "1", Optional.empty());
    assertThat(seen).hasSize(1);
  }

  private List<StoreEvent<String, String>> listen(long after) {
    List<StoreEvent<String, String>> seen = new ArrayList<>();
    store.addListener(seen::add, after);
    return seen;
  }
}
