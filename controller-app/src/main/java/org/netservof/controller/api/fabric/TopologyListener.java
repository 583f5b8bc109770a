package org.netservof.controller.api.fabric;

/** Told when the topology changes; compare the snapshots to see what changed. */
public interface TopologyListener {
  void topologyChanged(Topology previous, Topology current);
}
