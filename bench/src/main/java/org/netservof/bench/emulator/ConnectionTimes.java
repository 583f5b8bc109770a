package org.netservof.bench.emulator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How one connection of a switch got into service: from the start of the TCP connect to the controller's
 * FEATURES_REQUEST (the controller answered HELLO and took the switch up) and to the first of the switch's
 * PacketIns it answered. {@link #done} completes at that first answer, or when the connection closes
 * before it. Written by the switch's event loop; read once {@link #done} completed.
 */
final class ConnectionTimes {
  final long connectNanos;
  final CompletableFuture<ConnectionTimes> done = new CompletableFuture<>();
  private volatile long featuresNanos = -1;
  private volatile long answerNanos = -1;

  ConnectionTimes(long connectNanos) {
    this.connectNanos = connectNanos;
  }

  void features(long nanos) {
    if (featuresNanos < 0) {
      featuresNanos = nanos;
    }
  }

  void answered(long nanos) {
    if (answerNanos < 0) {
      answerNanos = nanos;
    }
    done.complete(this);
  }

  void closed() {
    done.complete(this);
  }

  /** The times in milliseconds; NaN for a step the connection never reached. */
  HandshakeTiming timing() {
    return new HandshakeTiming(millis(featuresNanos), millis(answerNanos));
  }

  /** Connect to first answer, in nanoseconds, or -1. */
  long toAnswerNanos() {
    return answerNanos < 0 ? -1 : answerNanos - connectNanos;
  }

  private double millis(long at) {
    return at < 0 ? Double.NaN : (at - connectNanos) / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }
}
