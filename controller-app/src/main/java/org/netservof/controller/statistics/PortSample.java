package org.netservof.controller.statistics;

import java.time.Instant;
import java.util.Objects;

/**
 * One read of a port's byte counters. The counters are unsigned 64-bit values held in a {@code long}.
 *
 * @param at when the switch's answer arrived
 */
record PortSample(long rxBytes, long txBytes, Instant at) {
  PortSample {
    Objects.requireNonNull(at, "at");
  }
}
