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
 * @param user whose service it is: its traffic goes to that user's container on each node, marked with a
 *     VLAN id of its own; empty for nodes that run no containers (frames reach them untagged)
 */
public record ServiceRequest(String name, Filter filter, String pool, SteeringMode mode, Optional<Duration> ttl,
    Optional<String> user) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public ServiceRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(user, "user");
    user.ifPresent(u -> {
      if (!NAME.matcher(u).matches()) {
        throw new IllegalArgumentException("user name '" + u + "' must be 1-64 letters, digits, '.', '_' or '-'");
      }
    });
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

  /** A request for nodes without containers. */
  public ServiceRequest(String name, Filter filter, String pool, SteeringMode mode, Optional<Duration> ttl) {
    this(name, filter, pool, mode, ttl, Optional.empty());
  }
}
