package org.netservof.bridge.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.netservof.policy.filter.Filter;

/**
 * What a caller asks steering for.
 *
 * @param name a label for people (logs, listings); letters, digits, {@code . _ -}, at most 64
 * @param filter the traffic to steer
 * @param pool the node pool it goes through
 * @param mode reactive or proactive
 * @param ttl how long the service lives unless refreshed; empty for until removed
 */
public record ServiceRequest(String name, Filter filter, String pool, SteeringMode mode, Optional<Duration> ttl) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public ServiceRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(ttl, "ttl");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("service name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (!NAME.matcher(pool).matches()) {
      throw new IllegalArgumentException("pool name '" + pool + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    ttl.ifPresent(t -> {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException("ttl must be positive, was " + t);
      }
    });
  }
}
