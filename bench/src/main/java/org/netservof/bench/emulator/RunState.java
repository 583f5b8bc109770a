package org.netservof.bench.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the run's clock tells the switches, and what they tell it back: one per run, shared by its switches. */
final class RunState {
  /** Counts down once per switch, when it becomes ready or can no longer become so. */
  private final CountDownLatch settled;
  private final AtomicInteger ready = new AtomicInteger();
  private volatile boolean measuring;
  private volatile boolean stopping;

  RunState(int switches) {
    this.settled = new CountDownLatch(switches);
  }

  void switchReady() {
    ready.incrementAndGet();
    settled.countDown();
  }

  /** The switch's connection failed or closed before its handshake settled. */
  void switchFailed() {
    settled.countDown();
  }

  /** Waits until every switch is ready or failed, or {@code timeout} passed; returns the ready count. */
  int awaitReady(Duration timeout) throws InterruptedException {
    settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return ready.get();
  }

  /** Whether round trips count now (not during the warm-up). */
  boolean measuring() {
    return measuring;
  }

  void measuring(boolean on) {
    measuring = on;
  }

  /** Whether the run is over: switches send no more PacketIns, so the answers in flight can drain. */
  boolean stopping() {
    return stopping;
  }

  void stop() {
    stopping = true;
  }
}
