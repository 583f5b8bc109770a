package org.netservof.controller.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BandwidthTest {
  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

  private static PortSample read(long rx, long tx, Duration after) {
    return new PortSample(rx, tx, T0.plus(after));
  }

  @Test
  void bytesOverTenSecondsAreBitsPerSecond() {
    var rates = Bandwidth.between(read(1_000, 0, Duration.ZERO), read(1_000 + 12_500_000, 1_250, Duration.ofSeconds(10)));

    assertThat(rates).hasValueSatisfying(r -> {
      assertThat(r.rxBitsPerSecond()).isEqualTo(10_000_000); // 12.5 MB in 10 s = 10 Mb/s
      assertThat(r.txBitsPerSecond()).isEqualTo(1_000);
    });
  }

  @Test
  void aCounterThatWrappedPast2To64CountsTheBytesAcrossTheWrap() {
    long nearTop = -100; // 2^64 - 100 as an unsigned counter
    var rates = Bandwidth.between(read(nearTop, 0, Duration.ZERO), read(900, 0, Duration.ofSeconds(1)));

    assertThat(rates).hasValueSatisfying(r -> assertThat(r.rxBitsPerSecond()).isEqualTo(1_000 * 8));
  }

  @Test
  void aCounterThatWasResetCountsOnlyWhatCameSinceTheReset() {
    var rates = Bandwidth.between(read(5_000_000, 7_000, Duration.ZERO), read(250, 0, Duration.ofSeconds(1)));

    assertThat(rates).hasValueSatisfying(r -> {
      assertThat(r.rxBitsPerSecond()).isEqualTo(250 * 8);
      assertThat(r.txBitsPerSecond()).isZero();
    });
  }

  @Test
  void noTimeBetweenTwoReadsGivesNoRate() {
    assertThat(Bandwidth.between(read(0, 0, Duration.ZERO), read(100, 100, Duration.ZERO))).isEmpty();
    assertThat(Bandwidth.between(read(0, 0, Duration.ofSeconds(1)), read(100, 100, Duration.ZERO))).isEmpty();
  }

  @Test
  void aHugeCountOverANanosecondIsCappedNotOverflowed() {
    var rates = Bandwidth.between(read(0, 0, Duration.ZERO), read(Long.MAX_VALUE, 0, Duration.ofNanos(1)));

    assertThat(rates).hasValueSatisfying(r -> assertThat(r.rxBitsPerSecond()).isEqualTo(Long.MAX_VALUE));
  }

  @Test
  void unsignedCountersAboveLongMaxStillSubtract() {
    assertThat(Bandwidth.bytesBetween(Long.MIN_VALUE, Long.MIN_VALUE + 10)).isEqualTo(10);
    assertThat(Bandwidth.bytesBetween(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(1); // crosses 2^63, no wrap
  }
}
