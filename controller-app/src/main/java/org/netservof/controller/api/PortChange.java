package org.netservof.controller.api;

/** How a port changed. */
public enum PortChange {
  ADDED,
  REMOVED,
  /** The port became usable: link up and not administratively down. */
  UP,
  /** The port stopped being usable: link down or administratively down. */
  DOWN,
  /** Something else changed (speed, name, other flags); usability is the same. */
  OTHER_UPDATE
}
