package org.netservof.bridge.signaling;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.netservof.bridge.api.SignalingService;
import org.netservof.bridge.api.SignalingStats;

/** Signaling's counters, one per refusal and one per way a request goes on; thread-safe. */
final class SignalingCounters implements SignalingService {
  final LongAdder received = new LongAdder();
  final LongAdder malformed = new LongAdder();
  final LongAdder unauthenticated = new LongAdder();
  final LongAdder replayed = new LongAdder();
  final LongAdder nonceLimited = new LongAdder();
  final LongAdder busy = new LongAdder();
  final LongAdder pendingFull = new LongAdder();
  final LongAdder nextHopUnknown = new LongAdder();
  final LongAdder relayed = new LongAdder();
  final LongAdder undeliverable = new LongAdder();
  private volatile IntSupplier pending = () -> 0;
  private volatile int maxPending;
  private volatile IntSupplier nonces = () -> 0;
  private volatile LongSupplier maxNonces = () -> 0;

  /** Where the pending table's size is read; set once the table exists. */
  void pending(IntSupplier size, int bound) {
    this.pending = size;
    this.maxPending = bound;
  }

  /** Where the nonce store's size and bound are read; set once the store exists. */
  void nonces(IntSupplier size, LongSupplier bound) {
    this.nonces = size;
    this.maxNonces = bound;
  }

  @Override
  public SignalingStats stats() {
    return new SignalingStats(received.sum(), malformed.sum(), unauthenticated.sum(), replayed.sum(),
        nonceLimited.sum(), busy.sum(), pendingFull.sum(), nextHopUnknown.sum(), relayed.sum(),
        undeliverable.sum(), pending.getAsInt(), maxPending, nonces.getAsInt(), maxNonces.getAsLong());
  }
}
