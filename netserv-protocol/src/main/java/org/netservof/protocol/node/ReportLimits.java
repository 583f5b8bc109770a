package org.netservof.protocol.node;

import java.util.Map;
import java.util.Optional;

/**
 * How much a module may publish, so a chatty (or hostile) module cannot flood its container's pipe or the
 * node's channel to the controller: each module has a bucket of {@link #BURST} reports refilled at one per
 * {@link #INTERVAL_NANOS}, and a report whose JSON is over {@link #MAX_BYTES} is refused. The container applies
 * it to its modules and the agent again to each container (a container is not trusted to). Not thread-safe:
 * one owner per module.
 */
public final class ReportLimits {
  /** Reports a module may publish at once after a quiet spell. */
  public static final int BURST = 5;
  /** One report more is allowed per this much time (one a second). */
  public static final long INTERVAL_NANOS = 1_000_000_000L;
  /** The largest report, as JSON. */
  public static final int MAX_BYTES = 8192;

  private double tokens = BURST;
  private long last;
  private boolean started;
  private long dropped;

  /**
   * Why the report may not go now (too large, not JSON, too many), or empty when it may; a refused report
   * counts as dropped.
   */
  public Optional<String> refuse(Map<String, Object> report, long nowNanos) {
    Optional<String> why = tooLarge(report);
    if (why.isEmpty() && !take(nowNanos)) {
      why = Optional.of("more than " + BURST + " reports at once, or more than one a second");
    }
    why.ifPresent(w -> dropped++);
    return why;
  }

  /** Reports refused so far. */
  public long dropped() {
    return dropped;
  }

  /** Why a report is not acceptable on its own (size, values that are not JSON), or empty. */
  public static Optional<String> tooLarge(Map<String, Object> report) {
    if (report == null) {
      return Optional.of("no report");
    }
    try {
      int bytes = Json.line(report).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      return bytes > MAX_BYTES ? Optional.of("a report of " + bytes + " bytes is over the limit of " + MAX_BYTES)
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("the report is not JSON: " + e.getMessage());
    }
  }

  private boolean take(long now) {
    if (started) {
      tokens = Math.min(BURST, tokens + (double) (now - last) / INTERVAL_NANOS);
    }
    started = true;
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens--;
    return true;
  }
}
