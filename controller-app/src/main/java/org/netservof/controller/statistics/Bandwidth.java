package org.netservof.controller.statistics;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * Bits per second from two reads of a port's byte counters: pure arithmetic, no clock of its own.
 *
 * <p>A counter that went down either wrapped past 2^64 or was reset (the switch restarted, the port was
 * deleted and added again). A wrap is only believable from the top half of the range into the bottom half;
 * anything else is a reset, and the later value is what was counted since it. Either way the rate is never
 * negative and never a spike of 2^64 bytes.
 */
final class Bandwidth {
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
  private static final BigInteger BITS_PER_BYTE = BigInteger.valueOf(8);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Bandwidth() {}

  /** The rates between two reads; empty when no time passed between them (or it ran backwards). */
  static Optional<Rates> between(PortSample earlier, PortSample later) {
    long nanos = Duration.between(earlier.at(), later.at()).toNanos();
    if (nanos <= 0) {
      return Optional.empty();
    }
    return Optional.of(new Rates(bitsPerSecond(bytesBetween(earlier.rxBytes(), later.rxBytes()), nanos),
        bitsPerSecond(bytesBetween(earlier.txBytes(), later.txBytes()), nanos)));
  }

  /** Bytes counted between two reads of an unsigned 64-bit counter, as an unsigned value. */
  static long bytesBetween(long earlier, long later) {
    if (Long.compareUnsigned(later, earlier) >= 0) {
      return later - earlier;
    }
    boolean wrapped = earlier < 0 && later >= 0; // top half (high bit set) to bottom half
    return wrapped ? later - earlier : later; // unsigned subtraction modulo 2^64 across the wrap
  }

  private static long bitsPerSecond(long unsignedBytes, long nanos) {
    BigInteger bits = new BigInteger(Long.toUnsignedString(unsignedBytes)).multiply(BITS_PER_BYTE);
    return bits.multiply(NANOS_PER_SECOND).divide(BigInteger.valueOf(nanos)).min(LONG_MAX).longValueExact();
  }

  /** Received and sent bits per second. */
  record Rates(long rxBitsPerSecond, long txBitsPerSecond) {}
}
