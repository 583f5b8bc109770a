package org.netservof.controller.core;

import java.util.concurrent.atomic.LongAdder;

/** How many messages a switch connection carried each way, and the errors the switch returned. */
final class ConnectionCounters {
  final LongAdder messagesIn = new LongAdder();
  final LongAdder messagesOut = new LongAdder();
  final LongAdder errorsIn = new LongAdder();

  String describe(long packetInsOverBudget) {
    return "in " + messagesIn.sum() + " messages, out " + messagesOut.sum() + ", errors " + errorsIn.sum()
        + ", PacketIns over budget " + packetInsOverBudget;
  }
}
