package org.netservof.controller.hosts;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code hosts} section of the configuration.
 *
 * @param idleTimeout a host not seen for this long is forgotten
 */
public record HostsConfig(Duration idleTimeout) {
  public static final HostsConfig DEFAULTS = new HostsConfig(Duration.ofMinutes(10));

  public HostsConfig {
    Objects.requireNonNull(idleTimeout, "idle-timeout");
    if (idleTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException("idle-timeout must be at least 1s, was " + idleTimeout);
    }
  }
}
