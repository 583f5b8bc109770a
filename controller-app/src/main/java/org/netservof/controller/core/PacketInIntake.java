package org.netservof.controller.core;

import io.netty.util.concurrent.Ticker;
import java.util.function.Consumer;
import org.netservof.controller.channel.OpenFlowMetrics;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * What one connection does with a PacketIn before and around its listener chain: a slave drops it (the master
 * member handles it), the port's budget admits it or counts it dropped, it waits while the switch is not yet
 * announced, and the time from its arrival to the end of the chain is recorded (with metrics on: two reads of
 * the loop's ticker, the first shared with the budget). Event-loop confined.
 */
final class PacketInIntake {
  private final PacketInBudget budget;
  private final EarlyPacketIns early;
  private final OpenFlowMetrics metrics;
  private final Ticker ticker;

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
    if (announced && metrics.enabled()) {
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
