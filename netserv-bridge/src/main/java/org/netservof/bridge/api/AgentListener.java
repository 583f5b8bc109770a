package org.netservof.bridge.api;

import java.util.List;
import java.util.Map;

/** Told about node agents; called on a node-channel thread, must not block. */
public interface AgentListener {

  /**
   * A node's agent registered and reported the containers it runs (after a restart of the agent, none): what
   * should run there and does not must be installed again.
   *
   * @param running the modules running in each user's container on the node
   */
  void agentSynced(String nodeId, Map<String, List<String>> running);

  /** The node channel refused, replaced or overruled a node (see {@link NodeChannelEvent}); also logged. */
  default void nodeChannelEvent(NodeChannelEvent event) {}

  /** A module published a report on a node (already checked: its user runs it there, within the limits). */
  default void moduleReported(ModuleReport report) {}
}
