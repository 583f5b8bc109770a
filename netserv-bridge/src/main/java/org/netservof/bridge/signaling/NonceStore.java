package org.netservof.bridge.signaling;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.controller.api.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nonces of verified requests, kept only as long as a replay could pass the timestamp check (until the
 * request's timestamp leaves the window), at most a fixed number per user. A user whose share is full is
 * refused rather than having an older nonce forgotten: forgetting one would let it be replayed. Each user has
 * a share of their own, so one user's burst never locks out another; the whole store holds at most the share
 * times the users configured.
 *
 * <p>Every nonce is written to its intent store, with the end of its window as the lease deadline, before the
 * request is acted on: a request captured before a restart is still a replay after it. The map here is the
 * store's content by user, read back at start, so checking a nonce reads no store.
 */
final class NonceStore {
  private static final Logger log = LoggerFactory.getLogger(NonceStore.class);

  private final IntentStore<String, SeenNonce> store;
  private final Clock clock;
  private final long windowSeconds;
  private final int perUser;
  /** Per user, nonce to the instant it can be forgotten, in the order remembered. */
  private final Map<String, LinkedHashMap<String, Instant>> byUser = new HashMap<>();
  private int size;

  NonceStore(IntentStore<String, SeenNonce> store, Clock clock, long windowSeconds, int perUser) {
    this.store = store;
    this.clock = clock;
    this.windowSeconds = windowSeconds;
    this.perUser = perUser;
    store.expire(clock.instant()); // windows that closed while the controller was down
    store.all().values().stream().filter(v -> v.deadline().isPresent())
        .sorted(Comparator.comparing((Versioned<SeenNonce> v) -> v.deadline().get()))
        .forEach(v -> byUser.computeIfAbsent(v.value().user(), u -> new LinkedHashMap<>())
            .put(v.value().nonce(), v.deadline().get()));
    size = byUser.values().stream().mapToInt(Map::size).sum();
  }

  /** What became of a nonce offered to the store. */
  enum Outcome {
    /** New, and now remembered. */
    REMEMBERED,
    /** Remembered already: a replay. */
    REPLAY,
    /** Not remembered: the user's share is full of nonces still inside the window. */
    FULL
  }

  /**
   * Remembers a verified request's nonce.
   *
   * @param timestamp the request's timestamp, already checked to lie inside the window
   * @throws RuntimeException when the store cannot write it; then nothing is remembered (the nonce is not used up)
   */
  synchronized Outcome remember(String user, String nonce, long timestamp) {
    Instant now = clock.instant();
    LinkedHashMap<String, Instant> seen = byUser.computeIfAbsent(user, u -> new LinkedHashMap<>());
    forgetExpired(user, seen, now);
    if (seen.containsKey(nonce)) {
      return Outcome.REPLAY;
    }
    if (seen.size() >= perUser) {
      return Outcome.FULL;
    }
    // One second more: the window check compares whole seconds.
    Instant forgetAt = Instant.ofEpochSecond(timestamp + windowSeconds + 1);
    store.put(new SeenNonce(user, nonce).key(), new SeenNonce(user, nonce), Optional.of(forgetAt));
    seen.put(nonce, forgetAt);
    size++;
    return Outcome.REMEMBERED;
  }

  /** Nonces remembered now, all users together (expired ones a user has not touched since count too). */
  synchronized int size() {
    return size;
  }

  /** Drops the nonces whose timestamps have left the window; most were remembered in deadline order. */
  private void forgetExpired(String user, LinkedHashMap<String, Instant> seen, Instant now) {
    Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, Instant> e = entries.next();
      if (e.getValue().isAfter(now)) {
        return;
      }
      entries.remove();
      size--;
      try {
        store.remove(new SeenNonce(user, e.getKey()).key());
      } catch (StoreUnavailableException failed) {
        // Its lease has passed: the store expires it at the next start if this removal never lands.
        log.debug("user {}: nonce {} out of its window, not removed from store {}: {}", user, e.getKey(),
            store.name(), failed.toString());
      }
    }
  }
}
