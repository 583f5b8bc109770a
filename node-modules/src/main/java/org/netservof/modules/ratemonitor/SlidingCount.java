package org.netservof.modules.ratemonitor;

/**
 * Packets and bytes over the last window, kept in {@link #SLOTS} slots so the count slides a slot at a time
 * instead of dropping to zero at each window's end. Not thread-safe: RateMonitor guards it.
 */
final class SlidingCount {
  static final int SLOTS = 10;

  private final long slotNanos;
  private final long[] packets = new long[SLOTS];
  private final long[] bytes = new long[SLOTS];
  private long slot;
  private long packetTotal;
  private long byteTotal;

  SlidingCount(long windowNanos, long now) {
    this.slotNanos = Math.max(1, windowNanos / SLOTS);
    this.slot = now / slotNanos;
  }

  void add(long now, int frameBytes) {
    advance(now);
    int i = (int) Math.floorMod(slot, (long) SLOTS);
    packets[i]++;
    bytes[i] += frameBytes;
    packetTotal++;
    byteTotal += frameBytes;
  }

  /** Packets a second over the window ending at {@code now}. */
  double packetsPerSecond(long now) {
    advance(now);
    return packetTotal * 1e9 / (slotNanos * SLOTS);
  }

  /** Bytes a second over the window ending at {@code now}. */
  double bytesPerSecond(long now) {
    advance(now);
    return byteTotal * 1e9 / (slotNanos * SLOTS);
  }

  /** Empties the slots that fell out of the window since the last packet. */
  private void advance(long now) {
    long current = now / slotNanos;
    for (long s = slot + 1; s <= current && s <= slot + SLOTS; s++) {
      int i = (int) Math.floorMod(s, (long) SLOTS);
      packetTotal -= packets[i];
      byteTotal -= bytes[i];
      packets[i] = 0;
      bytes[i] = 0;
    }
    slot = Math.max(slot, current);
  }
}
