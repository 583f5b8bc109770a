package org.netservof.controller.statistics;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code statistics} section of the configuration.
 *
 * @param collect whether port counters are read from start-up (off by default, as in Floodlight: it costs a
 *     request per switch per interval; {@code /wm/statistics/config/enable/json} turns it on while running)
 * @param interval how often every switch's port counters are read; bandwidth is averaged over it
 */
public record StatisticsConfig(boolean collect, Duration interval) {
  public static final StatisticsConfig DEFAULTS = new StatisticsConfig(false, Duration.ofSeconds(10));

  public StatisticsConfig {
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 100) {
      throw new IllegalArgumentException("interval must be at least 100ms, was " + interval);
    }
  }
}
