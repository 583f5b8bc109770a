package org.netservof.bridge.api;

import java.util.concurrent.CompletableFuture;

/** Changes to the node pools. */
public interface NodePoolAdminService {

  /** Adds a node to a pool (creating the pool); its port becomes a service port. */
  NodeView addNode(NodeSpec node) throws SteeringException;

  /** Removes a node; its flows move to the rest of its pool. */
  CompletableFuture<Void> removeNode(String nodeId) throws SteeringException;

  /**
   * Stops placing new flows on the node; the flows it carries stay there until they end (reactive per-flow
   * entries idle out), and it stays healthy. Refused while a proactive service uses its pool: proactive
   * placement cannot tell new flows from old ones, so draining would move the node's flows at once.
   * Completes when the switches confirmed the change.
   */
  CompletableFuture<Void> drainNode(String nodeId) throws SteeringException;
}
