package org.netservof.bridge.signaling;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nonces of verified requests, kept only as long as a replay could pass the timestamp check (until the
 * request's timestamp leaves the window), at most a fixed number per user. A user whose share is full is
 * refused rather than having an older nonce forgotten: forgetting one would let it be replayed. Each user has
 * a share of their own, so one user's burst never locks out another; the whole store holds at most the share
 * times the users configured.
 */
final class NonceStore {
  private final Clock clock;
  private final long windowSeconds;
  private final int perUser;
  /** Per user, nonce to the instant it can be forgotten, in the order remembered. */
  private final Map<String, LinkedHashMap<String, Instant>> byUser = new HashMap<>();
  private int size;

  NonceStore(Clock clock, long windowSeconds, int perUser) {
    this.clock = clock;
    this.windowSeconds = windowSeconds;
    this.perUser = perUser;
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
   */
  synchronized Outcome remember(String user, String nonce, long timestamp) {
    Instant now = clock.instant();
    LinkedHashMap<String, Instant> seen = byUser.computeIfAbsent(user, u -> new LinkedHashMap<>());
    forgetExpired(seen, now);
    if (seen.containsKey(nonce)) {
      return Outcome.REPLAY;
    }
    if (seen.size() >= perUser) {
      return Outcome.FULL;
    }
    // One second more: the window check compares whole seconds.
    seen.put(nonce, Instant.ofEpochSecond(timestamp + windowSeconds + 1));
    size++;
    return Outcome.REMEMBERED;
  }

  /** Nonces remembered now, all users together (expired ones a user has not touched since count too). */
  synchronized int size() {
    return size;
  }

  /** Drops the nonces whose timestamps have left the window; most were remembered in deadline order. */
  private void forgetExpired(LinkedHashMap<String, Instant> seen, Instant now) {
    Iterator<Instant> deadlines = seen.values().iterator();
    while (deadlines.hasNext()) {
      if (deadlines.next().isAfter(now)) {
        return;
      }
      deadlines.remove();
      size--;
    }
  }
}
