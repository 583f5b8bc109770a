package org.netservof.controller.api.fabric;

import org.netservof.controller.api.ListenerService;

/** The current topology snapshot and its changes. */
public interface TopologyService extends ListenerService<TopologyListener> {

  /** The latest snapshot; cheap, never null. */
  Topology current();
}
