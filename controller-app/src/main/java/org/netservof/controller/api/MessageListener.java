package org.netservof.controller.api;

import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Receives OpenFlow messages of the types it was registered for, in the order of the listeners' stages.
 * Called on the switch's I/O thread; must not block.
 */
public interface MessageListener {

  /** Unique name among listeners of the same message type; orders listeners of the same stage. */
  String name();

  /** Where this listener runs in the chain; {@link PacketInStage} says why the stages are in that order. */
  PacketInStage stage();

  /**
   * Handles one message.
   *
   * @return {@link Command#STOP} to keep the message from later listeners
   */
  Command receive(OFSwitch sw, OFMessage message, MessageContext context);
}
