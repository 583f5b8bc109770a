package org.netservof.controller.channel;

import io.netty.channel.Channel;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** Turns a connection that completed the handshake into a switch the controller uses. */
public interface SwitchActivator {

  /** Registers the switch and returns the session that receives its messages from now on. */
  SwitchSession activate(Channel channel, HandshakeResult handshake);

  /**
   * Whether switches of this version have their master elected: their handshake then writes nothing to them
   * (no table-miss entry, no role request) and is confirmed by its barrier alone.
   */
  default boolean elects(OFVersion version) {
    return false;
  }

  /** Where the connections' messages are counted (by their codec, unless metrics are off). */
  default OpenFlowMetrics metrics() {
    return OpenFlowMetrics.off();
  }
}
