package org.netservof.controller.api;

import org.projectfloodlight.openflow.types.DatapathId;

/** The switch connection closed before the answer arrived. */
public final class SwitchDisconnectedException extends Exception {
  public SwitchDisconnectedException(DatapathId id) {
    super("switch " + id + " disconnected");
  }

  /**
   * Whether {@code failure} (or one of its causes) is a disconnection: its switch left, maybe still listed for a
   * moment while its removal is on its way; nothing it refused.
   */
  public static boolean isCauseOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SwitchDisconnectedException) {
        return true;
      }
    }
    return false;
  }
}
