package org.netservof.controller.api.fabric;

/** The current topology snapshot and its changes. */
public interface TopologyService {

  /** The latest snapshot; cheap, never null. */
  Topology current();

  void addListener(TopologyListener listener);

  void removeListener(TopologyListener listener);
}
