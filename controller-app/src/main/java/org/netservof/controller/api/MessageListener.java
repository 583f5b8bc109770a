package org.netservof.controller.api;

import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Receives OpenFlow messages of the types it was registered for, at the place in the chain it was registered
 * at ({@link OFMessageService#addListener}). Called on the switch's I/O thread; must not block.
 */
@FunctionalInterface
public interface MessageListener {

  /**
   * Handles one message.
   *
   * @return {@link Command#STOP} to keep the message from later listeners
   */
  Command receive(OFSwitch sw, OFMessage message, MessageContext context);
}
