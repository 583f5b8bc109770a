package org.netservof.controller.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.netservof.controller.testing.LogCapture;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class RepeatedFailuresTest {
  private final AtomicLong now = new AtomicLong();
  private final RepeatedFailures failures = new RepeatedFailures(LoggerFactory.getLogger(RepeatedFailuresTest.class),
      Level.WARN, Duration.ofSeconds(10), now::get);

  @Test
  void eachKeyIsLoggedOnceThenSummarisedAtMostOncePerInterval() {
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 1000; i++) {
        failures.report("switch 1 reset", new IllegalStateException("boom"), "switch {} failed", 1);
        failures.report("switch 2 reset", null, "switch {} failed", 2);
      }
      assertThat(logs.problems()).containsExactly(
          "WARN " + RepeatedFailuresTest.class.getName() + ": switch 1 failed (java.lang.IllegalStateException: boom)",
          "WARN " + RepeatedFailuresTest.class.getName() + ": switch 2 failed");
      now.addAndGet(Duration.ofSeconds(9).toNanos());
      assertThat(failures.report("switch 1 reset", null, "switch {} failed", 1)).isFalse();
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      assertThat(failures.report("switch 1 reset", null, "switch {} failed", 1)).isTrue();
      assertThat(logs.problems()).hasSize(3);
      assertThat(logs.problems().get(2)).endsWith("switch 1 failed (1001 like this in the last 10 s; the first was "
          + "logged with its cause)");
    }
  }

  @Test
  void keysBeyondTheBoundShareOneTally() {
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < RepeatedFailures.MAX_KEYS + 100; i++) {
        failures.report(i, null, "peer {} failed", i);
      }
      assertThat(logs.problems()).hasSize(RepeatedFailures.MAX_KEYS + 1);
    }
  }

  @Test
  void aNonPositiveIntervalIsRefused() {
    assertThatThrownBy(() -> new RepeatedFailures(LoggerFactory.getLogger(RepeatedFailuresTest.class), Level.WARN,
        Duration.ZERO, now::get)).hasMessageContaining("must be positive");
  }
}
