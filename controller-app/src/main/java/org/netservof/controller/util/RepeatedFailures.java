package org.netservof.controller.util;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * Logs a failure that can repeat at line rate (a listener that throws on every PacketIn, a peer that sends
 * garbage without end) so that it cannot flood the log: the first occurrence of each key (who and why, e.g. a
 * switch and an exception class) is logged with its stack trace; later ones are counted, and at most one line
 * per interval and key says how many came since the last line. Totals belong to the caller's counters.
 *
 * <p>Thread-safe; a failure costs a map lookup and a short lock on its key, formatting only when a line is logged.
 * Keys are bounded: past {@value #MAX_KEYS} distinct keys, new ones share one tally, so varied causes cannot
 * grow the heap either.
 */
public final class RepeatedFailures {
  /** The interval of the summary lines outside tests. */
  public static final Duration INTERVAL = Duration.ofSeconds(10);
  static final int MAX_KEYS = 4096;
  private static final Object OTHER_KEYS = new Object();

  private final Logger log;
  private final Level level;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<Object, Tally> tallies = new ConcurrentHashMap<>();

  /** Occurrences of one key: whether its first was logged, when the last line was, how many since. */
  private static final class Tally {
    boolean logged;
    long lastLine;
    long since;
  }

  /**
   * @param log where the lines go
   * @param level the level of every line (the first occurrence and the summaries)
   * @param interval at most one summary line per key in this much time
   * @param nanoTime a monotonic clock ({@code System::nanoTime} outside tests)
   */
  public RepeatedFailures(Logger log, Level level, Duration interval, LongSupplier nanoTime) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval of repeated-failure lines must be positive, was " + interval);
    }
    this.log = log;
    this.level = level;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Summaries every {@link #INTERVAL}, on the monotonic clock. */
  public static RepeatedFailures of(Logger log, Level level) {
    return new RepeatedFailures(log, level, INTERVAL, System::nanoTime);
  }

  /**
   * One occurrence.
   *
   * @param key who failed and why; equal keys are counted together
   * @param cause logged with its stack trace on the key's first line only; null for none
   * @param format the line, with slf4j's {@code {}} placeholders for {@code args}
   * @return whether a line was logged
   */
  public boolean report(Object key, Throwable cause, String format, Object... args) {
    long now = nanoTime.getAsLong();
    Tally tally = tallyOf(key);
    long repeated;
    long elapsed;
    synchronized (tally) {
      elapsed = now - tally.lastLine;
      if (!tally.logged) {
        tally.logged = true;
        repeated = 0;
      } else {
        tally.since++;
        if (elapsed < intervalNanos) {
          return false;
        }
        repeated = tally.since;
        tally.since = 0;
      }
      tally.lastLine = now;
    }
    String line = MessageFormatter.arrayFormat(format, args).getMessage();
    if (repeated == 0) {
      log.atLevel(level).setCause(cause).log(line);
    } else {
      log.atLevel(level).log("{} ({} like this in the last {} s; the first was logged with its cause)", line,
          repeated, Duration.ofNanos(elapsed).toSeconds());
    }
    return true;
  }

  private Tally tallyOf(Object key) {
    Tally tally = tallies.get(key);
    if (tally != null) {
      return tally;
    }
    if (tallies.size() >= MAX_KEYS) {
      return tallies.computeIfAbsent(OTHER_KEYS, k -> new Tally());
    }
    return tallies.computeIfAbsent(key, k -> new Tally());
  }
}
