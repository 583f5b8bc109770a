package org.netservof.bridge.api;

import java.util.Optional;

/**
 * The hook through which whoever watches nodes (the node channel: heartbeats, container reports) tells the
 * pools what it sees. Not for operators: they use {@link NodePoolAdminService}.
 */
public interface NodeHealthService {

  /** An unhealthy node gets no flows; the ones it had move to the survivors, the others keep their node. */
  void setNodeHealth(String nodeId, boolean healthy, String reason) throws SteeringException;

  /**
   * Whether a user's container on a node is ready for traffic (its modules installed and running). Traffic
   * of the user's services goes only to nodes whose container for the user is ready; a container that
   * stops being ready loses its flows to the others.
   */
  void setContainerReady(String nodeId, String user, boolean ready, String reason) throws SteeringException;

  /**
   * The VLAN id that carries a user's traffic to the user's container on a node, allocated on first use and
   * kept while the node stays in its pool. The node's agent gives it to the container, which reads and
   * writes only frames with that tag.
   */
  int containerMark(String nodeId, String user) throws SteeringException;

  /** What the node's agent reports now (empty: the node has no agent, or it left for good). */
  void reportAgent(String nodeId, Optional<AgentView> agent) throws SteeringException;
}
