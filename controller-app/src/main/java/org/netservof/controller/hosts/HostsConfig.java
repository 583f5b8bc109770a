package org.netservof.controller.hosts;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code hosts} section of the configuration.
 *
 * @param idleTimeout a host not seen for this long is forgotten
 * @param maxHosts most hosts remembered; a new one beyond this evicts the least recently seen
 */
public record HostsConfig(Duration idleTimeout, int maxHosts) {
  public static final HostsConfig DEFAULTS = new HostsConfig(Duration.ofMinutes(10), 100_000);

  public HostsConfig {
    Objects.requireNonNull(idleTimeout, "idle-timeout");
    if (idleTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException("idle-timeout must be at least 1s, was " + idleTimeout);
    }
    if (maxHosts < 1) {
      throw new IllegalArgumentException("max-hosts must be at least 1, was " + maxHosts);
    }
  }
}
