package org.netservof.bridge.signaling;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signed time (a SETUP's {@code timestamp}, epoch seconds) of the SETUP that last set each user's module's
 * properties, so one signed earlier cannot roll them back: SETUPs may arrive out of order, or be held back by
 * someone on the path and sent later with their nonces unused. Only a timestamp window matters (an older SETUP is
 * refused anyway), so stamps that old are dropped when the table is full. In memory: after a restart, a SETUP
 * held back from before it can still roll an update back within one timestamp window.
 */
final class PropertyStamps {
  private static final int MAX = 16_384;

  private final Map<String, Long> newest = new ConcurrentHashMap<>();
  private final long windowSeconds;

  PropertyStamps(long windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  /** When a SETUP signed at {@code at} is older than the one that set the properties: that one's time. */
  Optional<Long> newerThan(String user, String module, long at) {
    return Optional.ofNullable(newest.get(key(user, module))).filter(t -> t > at);
  }

  /** The properties were set by a SETUP signed at {@code at}. */
  void set(String user, String module, long at) {
    if (newest.size() >= MAX) {
      newest.values().removeIf(t -> t < at - 2 * windowSeconds);
    }
    if (newest.size() < MAX || newest.containsKey(key(user, module))) {
      newest.merge(key(user, module), at, Math::max);
    }
  }

  private static String key(String user, String module) {
    return user + "/" + module;
  }
}
