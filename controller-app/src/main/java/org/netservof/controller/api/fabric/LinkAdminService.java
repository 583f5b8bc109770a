package org.netservof.controller.api.fabric;

import org.netservof.policy.fabric.SwitchPort;

/**
 * What link discovery is told by the parts that see hosts. Thread-safe and idempotent.
 */
public interface LinkAdminService {

  /**
   * Whether hosts live on a port (a host was first learnt there and is still there). While they do, no link
   * is formed on it: a probe that arrives there, or that left from there, can only have been carried by a
   * host, and is refused with a {@link LinkRefusal}. A port that goes down, or whose switch leaves, is
   * forgotten.
   */
  void setHostFacing(SwitchPort port, boolean hostFacing);
}
