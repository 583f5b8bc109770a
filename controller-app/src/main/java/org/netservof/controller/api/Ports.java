package org.netservof.controller.api;

import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortState;

/** Facts about ports that every module reads the same way. */
public final class Ports {
  private Ports() {}

  /** Usable: link up and not administratively down. */
  public static boolean isUp(OFPortDesc port) {
    return !port.getConfig().contains(OFPortConfig.PORT_DOWN) && !port.getState().contains(OFPortState.LINK_DOWN);
  }
}
