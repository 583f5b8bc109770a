package org.netservof.controller.api.fabric;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.netservof.policy.fabric.Link;

/**
 * A discovered link and what discovery measured of it.
 *
 * @param latency time from sending the last probe to receiving it, through both switches
 */
public record LinkInfo(Link link, Instant firstSeen, Instant lastSeen, Duration latency) {
  public LinkInfo {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(latency, "latency");
  }
}
