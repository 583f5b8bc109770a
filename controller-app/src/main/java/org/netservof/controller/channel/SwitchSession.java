package org.netservof.controller.channel;

import org.projectfloodlight.openflow.protocol.OFMessage;

/** The controller side of an active switch connection; called on the connection's I/O thread. */
public interface SwitchSession {

  void received(OFMessage message);

  void malformed(MalformedMessage message);

  /** The switch says this controller's role changed (another controller took MASTER). */
  default void roleStatus(RoleStatus status) {}

  /** The connection closed, for whatever reason; called once. */
  void closed();
}
