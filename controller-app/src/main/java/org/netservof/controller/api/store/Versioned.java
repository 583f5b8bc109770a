package org.netservof.controller.api.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A value as a store holds it.
 *
 * @param revision the store revision of the write that made this value, at least 1
 * @param deadline when the store expires the value (its lease); empty when it lives until removed
 */
public record Versioned<V>(V value, long revision, Optional<Instant> deadline) {
  public Versioned {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(deadline, "deadline");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be at least 1, was " + revision);
    }
  }
}
