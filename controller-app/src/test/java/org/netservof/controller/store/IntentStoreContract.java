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
 *
 * <p>Two things differ between implementations, so the contract asks no more of them than the interface
 * promises: revisions are only "new and larger" on every write (etcd's are cluster-wide: a fresh store in a
 * used etcd starts above 0, and other stores' writes fall between one store's), so the tests start from
 * {@link IntentStore#revision()} and the revisions writes return; and time is the store's own (a fake
 * instant for stores that expire when called, the wall clock for etcd, whose leases run on its server),
 * through {@link #now()} and {@link #expireUntil}.
 */
public abstract class IntentStoreContract {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  protected IntentStore<String, String> store;

  /** A fresh, empty store that keeps at least the last {@code keptEvents} events. */
  protected abstract IntentStore<String, String> newStore(int keptEvents);

  /** The store's present time, for deadlines. */
  protected Instant now() {
    return T0;
  }

  /**
   * Lets the store's time reach {@code then} and the store expire what is due by then; returns the keys it
   * expired. Stores whose server expires values on its own clock (etcd) wait for it instead.
   */
  protected List<String> expireUntil(Instant then) {
    return store.expire(then);
  }

  @BeforeEach
  void open() {
    store = newStore(16);
  }

  @Test
  void everyWriteRaisesTheRevisionAndTheValueCarriesIt() {
    long base = store.revision();
    Versioned<String> a = store.put("a", "1", Optional.empty());
    Versioned<String> b = store.put("b", "2", Optional.of(now().plusSeconds(600)));
    assertThat(a.revision()).isGreaterThan(base);
    assertThat(b.revision()).isGreaterThan(a.revision());
    assertThat(store.revision()).isEqualTo(b.revision());
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
    Instant t0 = now();
    store.put("short", "1", Optional.of(t0.plusSeconds(3)));
    store.put("long", "2", Optional.of(t0.plusSeconds(60)));
    store.put("forever", "3", Optional.empty());
    List<StoreEvent<String, String>> seen = listen(store.revision());
    assertThat(expireUntil(t0.plusSeconds(1))).isEmpty();
    assertThat(store.all()).containsOnlyKeys("short", "long", "forever");
    assertThat(expireUntil(t0.plusSeconds(3))).containsExactly("short");
    assertThat(store.all()).containsOnlyKeys("long", "forever");
    assertThat(seen).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(Type.EXPIRE);
      assertThat(e.before()).contains("1");
      assertThat(e.after()).isEmpty();
    });
  }

  @Test
  void eventsArriveInRevisionOrderWithBeforeAndAfter() {
    List<StoreEvent<String, String>> seen = listen(store.revision());
    long first = store.put("a", "1", Optional.empty()).revision();
    long second = store.put("a", "2", Optional.empty()).revision();
    store.remove("a");
    assertThat(seen).extracting(StoreEvent::type).containsExactly(Type.PUT, Type.PUT, Type.REMOVE);
    assertThat(seen).extracting(StoreEvent::revision).startsWith(first, second);
    assertThat(seen.get(2).revision()).isEqualTo(store.revision()).isGreaterThan(second);
    assertThat(seen.get(1).before()).contains("1");
    assertThat(seen.get(1).after()).contains("2");
  }

  @Test
  void aListenerResumesFromARevisionItSaw() {
    long first = store.put("a", "1", Optional.empty()).revision();
    store.put("b", "2", Optional.empty());
    store.put("c", "3", Optional.empty());
    List<StoreEvent<String, String>> seen = listen(first);
    store.put("d", "4", Optional.empty());
    assertThat(seen).extracting(StoreEvent::key).containsExactly("b", "c", "d");
  }

  @Test
  void resumingFromAForgottenRevisionIsRefused() {
    long first = store.put("k", "v", Optional.empty()).revision();
    for (int i = 0; i < 40; i++) {
      store.put("k" + i, "v", Optional.empty());
    }
    assertThatThrownBy(() -> listen(first)).isInstanceOf(CompactedRevisionException.class)
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
    }, store.revision());
    List<StoreEvent<String, String>> seen = listen(store.revision());
    store.put("a", "1", Optional.empty());
    assertThat(seen).hasSize(1);
  }

  private List<StoreEvent<String, String>> listen(long after) {
    List<StoreEvent<String, String>> seen = new ArrayList<>();
    store.addListener(seen::add, after);
    return seen;
  }
}
