package org.netservof.controller.forwarding;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code forwarding} section of the configuration.
 *
 * @param idleTimeout an installed entry goes after this long without traffic
 * @param hardTimeout an installed entry goes after this long whatever the traffic; 0s for never
 * @param macAging a learnt address is forgotten after this long without being seen
 * @param macTableSize most addresses remembered per switch; the oldest go first
 */
public record ForwardingConfig(Duration idleTimeout, Duration hardTimeout, Duration macAging, int macTableSize) {
  public static final ForwardingConfig DEFAULTS =
      new ForwardingConfig(Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(5), 100_000);

  public ForwardingConfig {
    checkSeconds("idle-timeout", idleTimeout);
    checkSeconds("hard-timeout", hardTimeout);
    Objects.requireNonNull(macAging, "mac-aging");
    if (macAging.isNegative() || macAging.isZero()) {
      throw new IllegalArgumentException("mac-aging must be positive, was " + macAging);
    }
    if (macTableSize < 1) {
      throw new IllegalArgumentException("mac-table-size must be at least 1, was " + macTableSize);
    }
  }

  private static void checkSeconds(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.getSeconds() > 0xffff || d.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(name + " must be whole seconds in 0..65535, was " + d);
    }
  }
}
