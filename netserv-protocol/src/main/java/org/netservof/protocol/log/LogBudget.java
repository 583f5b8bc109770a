package org.netservof.protocol.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * How many complaint lines one peer may cause: a token bucket, so a switch or host that sends a malformed
 * message now and then is logged each time, while one that sends thousands cannot fill the disk. Lines over
 * the budget are counted, and the next line allowed says how many were left out.
 */
public final class LogBudget {
  private final int burst;
  private final long nanosPerLine;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;
  private long suppressed;

  /**
   * @param burst lines allowed at once
   * @param perLine how long it takes to earn one more line
   * @param nanoTime a monotonic clock ({@code System::nanoTime} outside tests)
   */
  public LogBudget(int burst, Duration perLine, LongSupplier nanoTime) {
    if (burst < 1 || perLine.isNegative() || perLine.isZero()) {
      throw new IllegalArgumentException("a log budget needs a burst of at least 1 and a positive refill time");
    }
    this.burst = burst;
    this.nanosPerLine = perLine.toNanos();
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.last = nanoTime.getAsLong();
  }

  /** On a {@link Clock}, for code whose tests fix the time. */
  public static LogBudget onClock(int burst, Duration perLine, Clock clock) {
    return new LogBudget(burst, perLine, () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    });
  }

  /** Twenty lines at once, then one every three seconds: a peer's complaints, on the monotonic clock. */
  public static LogBudget perPeer() {
    return new LogBudget(20, Duration.ofSeconds(3), System::nanoTime);
  }

  /**
   * Whether a line may be logged now; -1 when not (and it is counted), else how many lines were left out
   * since the last one allowed, for the line to mention.
   */
  public synchronized long spend() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (double) (now - last) / nanosPerLine);
    last = now;
    if (tokens < 1) {
      suppressed++;
      return -1;
    }
    tokens -= 1;
    long left = suppressed;
    suppressed = 0;
    return left;
  }

  /** Logs a warning within the budget, saying how many were left out before it. */
  public void warn(org.slf4j.Logger log, String format, Object... args) {
    long leftOut = spend();
    if (leftOut >= 0) {
      log.warn(format + suffix(leftOut), args);
    }
  }

  /** The suffix a line carries when others were left out before it. */
  public static String suffix(long leftOut) {
    return leftOut > 0 ? " (" + leftOut + " similar lines left out before this one)" : "";
  }
}
