package org.netservof.controller.api;

import java.util.Optional;
import org.netservof.policy.packet.EthernetFrame;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * What the chain knows about the message being dispatched, computed once and shared by its listeners.
 * Lives for one dispatch, on one thread.
 */
public interface MessageContext {

  /**
   * The frame a PacketIn carries, parsed once for the whole chain; empty for other messages and for
   * frames whose headers are malformed (those are counted and logged once by the dispatcher).
   */
  Optional<EthernetFrame> frame();

  /** The port a PacketIn arrived on, whatever the OpenFlow version; empty for other messages. */
  Optional<OFPort> inPort();

  /** For an error message: the request it answers, when the switch connection still remembers it. */
  Optional<OFMessage> erroredRequest();
}
