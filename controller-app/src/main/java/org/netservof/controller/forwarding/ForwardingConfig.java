package org.netservof.controller.forwarding;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code forwarding} section of the configuration.
 *
 * @param idleTimeout an installed route's entries go after this long without traffic
 * @param hardTimeout an installed route's entries go after this long whatever the traffic; 0s for never
 * @param proxyArp answer ARP requests for known hosts from the host table instead of flooding them
 */
public record ForwardingConfig(Duration idleTimeout, Duration hardTimeout, boolean proxyArp) {
  public static final ForwardingConfig DEFAULTS = new ForwardingConfig(Duration.ofSeconds(5), Duration.ZERO, true);

  public ForwardingConfig {
    checkSeconds("idle-timeout", idleTimeout);
    checkSeconds("hard-timeout", hardTimeout);
  }

  private static void checkSeconds(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.getSeconds() > 0xffff || d.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(name + " must be whole seconds in 0..65535, was " + d);
    }
  }
}
