package org.netservof.controller.api;

import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Receives OpenFlow messages of the types it was registered for, in the chain order the listeners declare.
 * Called on the switch's I/O thread; must not block.
 */
public interface MessageListener {

  /** Unique name among listeners of the same message type, used by other listeners' {@link ListenerOrder}. */
  String name();

  /** Where this listener runs relative to the others. */
  default ListenerOrder order() {
    return ListenerOrder.NONE;
  }

  /**
   * Handles one message.
   *
   * @return {@link Command#STOP} to keep the message from later listeners
   */
  Command receive(OFSwitch sw, OFMessage message, MessageContext context);
}
