package org.netservof.controller.util;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Timers for modules: one named daemon thread per module, and tasks that keep running when one run
 * fails (a scheduled task that throws is otherwise silently never run again).
 */
public final class Periodic {
  private Periodic() {}

  /** A single-thread scheduler whose thread is named after the module. */
  public static ScheduledExecutorService timer(String name) {
    return Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon(name));
  }

  /** Runs {@code task} every {@code period}, the first time after {@code delay}; failures are logged. */
  public static void every(ScheduledExecutorService timer, Duration delay, Duration period, Logger log, String what,
      Runnable task) {
    timer.scheduleAtFixedRate(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("{} failed", what, e);
      }
    }, delay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }
}
