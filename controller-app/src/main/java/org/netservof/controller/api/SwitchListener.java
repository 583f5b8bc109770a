package org.netservof.controller.api;

import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.types.DatapathId;

/** Switch life-cycle events; called on the switch's I/O thread, must not block. */
public interface SwitchListener {

  /**
   * The switch completed the handshake (including the table-miss entry), its setup went out (every
   * {@link SwitchSetupStage}, in order), and it can be used. In a cluster: this member became its master
   * (also long after the switch connected), so it may write to it.
   */
  default void switchAdded(OFSwitch sw) {}

  /**
   * The switch disconnected, was replaced by a new connection with the same DPID, or timed out; in a cluster,
   * also when this member stopped being its master (the switch stays connected, read-only).
   */
  default void switchRemoved(DatapathId id) {}

  /**
   * A port was added, removed, or changed state.
   *
   * @param port the port as it is now (for {@link PortChange#REMOVED}, as it was)
   */
  default void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {}

  /** A connection was refused as a switch; nothing it sent was believed. */
  default void switchRefused(SwitchRefusal refusal) {}
}
