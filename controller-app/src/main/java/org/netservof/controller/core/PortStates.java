package org.netservof.controller.core;

import java.util.Optional;
import org.netservof.controller.api.PortChange;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortState;

/** Port usability and how a port-status message changed it. */
final class PortStates {
  private PortStates() {}

  /** Link up and not administratively down. */
  static boolean isUp(OFPortDesc port) {
    return !port.getConfig().contains(OFPortConfig.PORT_DOWN) && !port.getState().contains(OFPortState.LINK_DOWN);
  }

  /** What a port-status message means for a port that was {@code before} (empty when unknown). */
  static PortChange change(OFPortReason reason, Optional<OFPortDesc> before, OFPortDesc after) {
    if (reason == OFPortReason.DELETE) {
      return PortChange.REMOVED;
    }
    if (reason == OFPortReason.ADD || before.isEmpty()) {
      return PortChange.ADDED;
    }
    boolean wasUp = isUp(before.get());
    boolean isUp = isUp(after);
    if (wasUp == isUp) {
      return PortChange.OTHER_UPDATE;
    }
    return isUp ? PortChange.UP : PortChange.DOWN;
  }
}
