package org.netservof.bridge.signaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most a few log lines per period for something a flood can repeat thousands of times a second (a refused
 * request); the lines held back are counted and told with the next line let through, and every one of them
 * is still counted by {@link SignalingCounters}.
 */
final class LogBudget {
  private final Clock clock;
  private final int perPeriod;
  private final Duration period;
  private Instant periodStart = Instant.MIN;
  private int used;
  private long held;

  LogBudget(Clock clock, int perPeriod, Duration period) {
    this.clock = clock;
    this.perPeriod = perPeriod;
    this.period = period;
  }

  /** -1 when this line must be held back; else how many were held back before it (and resets that). */
  synchronized long take() {
    Instant now = clock.instant();
    if (!now.isBefore(periodStart.plus(period))) {
      periodStart = now;
      used = 0;
    }
    if (used >= perPeriod) {
      held++;
      return -1;
    }
    used++;
    long before = held;
    held = 0;
    return before;
  }
}
