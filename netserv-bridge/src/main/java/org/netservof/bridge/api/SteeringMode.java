package org.netservof.bridge.api;

/** How a service's flows are placed on nodes. */
public enum SteeringMode {
  /**
   * As in the NetServ thesis: the first packet of each matching flow comes to the controller, which picks a
   * node for the flow and installs its entries; later packets never reach the controller.
   */
  REACTIVE,
  /**
   * Classifiers at every edge port, installed when the service is registered, spread flows over the pool
   * in the switch (a SELECT group, or a plain-match split); no packet reaches the controller. OpenFlow 1.0
   * switches have no groups and run such a service reactively.
   */
  PROACTIVE
}
