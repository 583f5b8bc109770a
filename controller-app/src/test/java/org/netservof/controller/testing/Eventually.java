package org.netservof.controller.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that real processes make true, with a generous bound; never a timing assertion. */
public final class Eventually {
  private Eventually() {}

  public static void waitFor(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after " + limit + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
