package org.netservof.controller.linkdiscovery;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code link-discovery} section of the configuration.
 *
 * @param probeInterval every port of every switch is probed this often (and at once when a switch connects
 *     or a port comes up)
 * @param linkTimeout a link with no verified probe for this long is removed; longer than the interval
 * @param maxRoundTrip a probe that comes back later than this after it was sent makes no link: a cable
 *     between two switches answers in milliseconds, a host relaying probes to another host takes longer
 */
public record LinkDiscoveryConfig(Duration probeInterval, Duration linkTimeout, Duration maxRoundTrip) {
  public static final LinkDiscoveryConfig DEFAULTS = new LinkDiscoveryConfig(Duration.ofSeconds(2),
      Duration.ofSeconds(7), Duration.ofMillis(500));

  public LinkDiscoveryConfig {
    Objects.requireNonNull(probeInterval, "probe-interval");
    Objects.requireNonNull(linkTimeout, "link-timeout");
    Objects.requireNonNull(maxRoundTrip, "max-round-trip");
    if (probeInterval.toMillis() < 100) {
      throw new IllegalArgumentException("probe-interval must be at least 100ms, was " + probeInterval);
    }
    if (linkTimeout.compareTo(probeInterval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("link-timeout (" + linkTimeout + ") must be at least twice probe-interval ("
          + probeInterval + ") so one lost probe does not drop a link");
    }
    if (maxRoundTrip.toMillis() < 1 || maxRoundTrip.compareTo(linkTimeout) > 0) {
      throw new IllegalArgumentException("max-round-trip must be between 1ms and link-timeout (" + linkTimeout
          + "), was " + maxRoundTrip);
    }
  }
}
