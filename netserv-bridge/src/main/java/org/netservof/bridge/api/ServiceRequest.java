package org.netservof.bridge.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.netservof.policy.filter.Filter;
import org.netservof.protocol.Names;

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
  public ServiceRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(user, "user");
    user.ifPresent(u -> {
      if (!Names.isName(u)) {
        throw new IllegalArgumentException("user name '" + u + "' must be " + Names.NAME_RULE);
      }
    });
    if (!Names.isName(name)) {
      throw new IllegalArgumentException("service name '" + name + "' must be " + Names.NAME_RULE);
    }
    if (!Names.isName(pool)) {
      throw new IllegalArgumentException("pool name '" + pool + "' must be " + Names.NAME_RULE);
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
