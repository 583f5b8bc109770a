package org.netservof.bench.emulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one switch counted. Its event loop is the only writer; the run's clock reads them from another thread.
 */
final class SwitchCounters {
  final AtomicLong packetIns = new AtomicLong();
  /** Answers to our PacketIns: FLOW_MODs and PACKET_OUTs in throughput mode, answered probes in latency mode. */
  final AtomicLong responses = new AtomicLong();
  /** Distinct PacketIns that got at least one response (see {@link PacketInLedger}). */
  final AtomicLong answered = new AtomicLong();
  final AtomicLong flowMods = new AtomicLong();
  final AtomicLong packetOuts = new AtomicLong();
  /** ERROR messages and unreadable frames from the controller. */
  final AtomicLong errors = new AtomicLong();
  /** Requests we could not serve and answered with an error. */
  final AtomicLong refused = new AtomicLong();
  /** PacketIns given up on after a stall (see {@link EmulatedSwitch}). */
  final AtomicLong lost = new AtomicLong();
}
