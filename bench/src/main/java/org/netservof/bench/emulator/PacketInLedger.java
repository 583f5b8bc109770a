package org.netservof.bench.emulator;

import java.util.Arrays;

/**
 * The last {@value #SIZE} PacketIns one switch sent, and which of them were answered: a PacketIn counts as
 * answered once, however many messages answer it (a learning controller sends a FLOW_MOD and a PACKET_OUT;
 * Open vSwitch's test controller one FLOW_MOD that releases the buffer). Older PacketIns are forgotten: an
 * answer that late is not counted. Touched by the switch's event loop only.
 */
final class PacketInLedger {
  static final int SIZE = 1 << 13;
  private static final long NOT_ANSWERABLE = -1;

  private final long[] sequences = new long[SIZE];
  private final long[] sentNanos = new long[SIZE];

  PacketInLedger() {
    Arrays.fill(sequences, NOT_ANSWERABLE);
  }

  void sent(long sequence, long nanos) {
    int slot = (int) (sequence & (SIZE - 1));
    sequences[slot] = sequence;
    sentNanos[slot] = nanos;
  }

  /**
   * Marks PacketIn {@code sequence} answered; returns when it was sent, or -1 when it was answered already
   * or is too old to know.
   */
  long answer(long sequence) {
    int slot = (int) (sequence & (SIZE - 1));
    if (sequence < 0 || sequences[slot] != sequence) {
      return -1;
    }
    sequences[slot] = NOT_ANSWERABLE;
    return sentNanos[slot];
  }
}
