package org.netservof.protocol.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogBudgetTest {
  private final AtomicLong now = new AtomicLong();
  private final LogBudget budget = new LogBudget(3, Duration.ofSeconds(1), now::get);

  @Test
  void aBurstIsLoggedThenLinesAreCountedUntilTimeEarnsAnotherWhichSaysHowManyWereLeftOut() {
    assertThat(budget.spend()).isZero();
    assertThat(budget.spend()).isZero();
    assertThat(budget.spend()).isZero();
    for (int i = 0; i < 1000; i++) {
      assertThat(budget.spend()).isEqualTo(-1);
    }
    now.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(budget.spend()).isEqualTo(-1);
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(budget.spend()).isEqualTo(1001);
    assertThat(LogBudget.suffix(1001)).isEqualTo(" (1001 similar lines left out before this one)");
    assertThat(LogBudget.suffix(0)).isEmpty();
  }

  @Test
  void quietTimeRefillsNoMoreThanTheBurst() {
    now.addAndGet(Duration.ofHours(1).toNanos());
    for (int i = 0; i < 3; i++) {
      assertThat(budget.spend()).isZero();
    }
    assertThat(budget.spend()).isEqualTo(-1);
    assertThatThrownBy(() -> new LogBudget(0, Duration.ofSeconds(1), now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
