package org.netservof.controller.core;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.projectfloodlight.openflow.protocol.OFPacketIn;

/**
 * Holds the PacketIns a switch sent before the listeners were told of it (its setup still going out) until
 * they are. Judged earlier, the switch's ports are unknown to the topology, so a host that announces itself
 * right after the handshake (a gratuitous ARP; cbench's first frame) would never be learnt. Bounded: a switch
 * that floods during its setup loses the excess, counted. Event-loop confined.
 */
final class EarlyPacketIns {
  static final int MAX_HELD = 256;
  private final ArrayDeque<OFPacketIn> held = new ArrayDeque<>();
  private final Consumer<OFPacketIn> handler;
  private long dropped;

  /** @param handler where PacketIns go once the switch is announced */
  EarlyPacketIns(Consumer<OFPacketIn> handler) {
    this.handler = handler;
  }

  /** Hands {@code packetIn} on when the switch is {@code announced}; else holds it, up to {@link #MAX_HELD}. */
  void pass(OFPacketIn packetIn, boolean announced) {
    if (announced) {
      handler.accept(packetIn);
    } else if (held.size() < MAX_HELD) {
      held.add(packetIn);
    } else {
      dropped++;
    }
  }

  /** Hands on what was held, in arrival order. */
  void release() {
    while (!held.isEmpty()) {
      handler.accept(held.poll());
    }
  }

  /** PacketIns dropped because too many were held. */
  long dropped() {
    return dropped;
  }
}
