package org.netservof.controller.channel;

import io.netty.channel.Channel;

/** Turns a connection that completed the handshake into a switch the controller uses. */
public interface SwitchActivator {

  /** Registers the switch and returns the session that receives its messages from now on. */
  SwitchSession activate(Channel channel, HandshakeResult handshake);
}
