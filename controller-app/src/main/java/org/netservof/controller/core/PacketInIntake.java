package org.netservof.controller.core;

import io.netty.util.concurrent.Ticker;
import java.util.function.Consumer;
import org.netservof.controller.channel.OpenFlowMetrics;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * What one connection does with a PacketIn before and around its listener chain: a slave drops it (the master
 * member handles it), the port's budget admits it or counts it dropped, it waits while the switch is not yet
 * announced, and the time from its arrival to the end of the chain is recorded for one PacketIn in
 * {@link #TIMED_EVERY} (with metrics on: one more read of the loop's ticker, the first is the budget's). Timing
 * every one cost 2 to 10% of the PacketIns answered per second in {@code bench rest} (a clock read and a
 * histogram record, ~40-60 ns here, against ~3 us a PacketIn); one in 16 cost 1 to 5%. The quantiles are
 * those of every PacketIn all the same, and the PacketIn rate is {@code netserv_openflow_messages_in_total}'s.
 * Event-loop confined.
 */
final class PacketInIntake {
  /** One PacketIn in this many is timed: a power of two. */
  static final int TIMED_EVERY = 16;
  private final PacketInBudget budget;
  private final EarlyPacketIns early;
  private final OpenFlowMetrics metrics;
  private final Ticker ticker;
  private int received;

  /** @param chain runs the listener chain for a PacketIn (at once, or once the switch is announced) */
  PacketInIntake(PacketInBudget budget, Consumer<OFPacketIn> chain, OpenFlowMetrics metrics, Ticker ticker) {
    this.budget = budget;
    this.early = new EarlyPacketIns(chain);
    this.metrics = metrics;
    this.ticker = ticker;
  }

  void receive(OFPacketIn packetIn, ConnectionRole role) {
    long arrived = ticker.nanoTime();
    if (!role.writes() || !budget.admit(DispatchContext.inPort(packetIn), arrived)) {
      return;
    }
    boolean announced = role.announced();
    early.pass(packetIn, announced);
    if (announced && metrics.enabled() && (++received & (TIMED_EVERY - 1)) == 0) {
      metrics.packetInHandled(ticker.nanoTime() - arrived);
    }
  }

  /** The listeners were told of the switch: the PacketIns held until then go to them now. */
  void release() {
    early.release();
  }

  /** The port is gone: so is its budget. */
  void forget(OFPort port) {
    budget.forget(port);
  }

  /** PacketIns dropped over their budget or while too many waited for the switch's announcement. */
  long dropped() {
    return budget.dropped() + early.dropped();
  }
}
