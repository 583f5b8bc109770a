package org.netservof.controller.api;

import org.projectfloodlight.openflow.types.DatapathId;

/** The switch connection closed before the answer arrived. */
public final class SwitchDisconnectedException extends Exception {
  public SwitchDisconnectedException(DatapathId id) {
    super("switch " + id + " disconnected");
  }
}
