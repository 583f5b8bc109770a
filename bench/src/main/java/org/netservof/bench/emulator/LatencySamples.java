package org.netservof.bench.emulator;

import java.util.Arrays;

/** Round-trip times of one switch, in nanoseconds; touched only by that switch's event loop. */
final class LatencySamples {
  private long[] samples = new long[1024];
  private int size;

  void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  long[] toArray() {
    return Arrays.copyOf(samples, size);
  }
}
