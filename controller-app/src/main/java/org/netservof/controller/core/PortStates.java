package org.netservof.controller.core;

import java.util.Optional;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.Ports;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortReason;

/** How a port-status message changed a port. */
final class PortStates {
  private PortStates() {}

  /** What a port-status message means for a port that was {@code before} (empty when unknown). */
  static PortChange change(OFPortReason reason, Optional<OFPortDesc> before, OFPortDesc after) {
    if (reason == OFPortReason.DELETE) {
      return PortChange.REMOVED;
    }
    if (reason == OFPortReason.ADD || before.isEmpty()) {
      return PortChange.ADDED;
    }
    boolean wasUp = Ports.isUp(before.get());
    boolean isUp = Ports.isUp(after);
    if (wasUp == isUp) {
      return PortChange.OTHER_UPDATE;
    }
    return isUp ? PortChange.UP : PortChange.DOWN;
  }
}
