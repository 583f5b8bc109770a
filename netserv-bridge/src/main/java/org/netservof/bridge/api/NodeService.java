package org.netservof.bridge.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The service nodes that registered over the node channel: what they are and run, and installing and
 * removing modules in their users' containers. A node joins its pool in {@link SteeringService} when it
 * registers and gets flows of a user's services once that user's container on it is ready.
 */
public interface NodeService {

  /** Where node agents connect (the bound {@code node-listen}); empty when no token is configured. */
  Optional<java.net.InetSocketAddress> channelAddress();

  List<NodeStatus> nodes();

  Optional<NodeStatus> node(String nodeId);

  /**
   * Installs a module in the user's container on a node (the node starts the container if needed). The
   * future completes when the node confirms; it fails with the node's reason (a bad digest, say).
   *
   * @throws SteeringException when the node is not connected or the request is malformed; nothing is sent
   */
  CompletableFuture<Void> install(String nodeId, ModuleInstall install) throws SteeringException;

  /**
   * Installs a module on every connected node of a pool.
   *
   * @return per node, empty when it succeeded or the reason it failed
   * @throws SteeringException when the pool has no connected node
   */
  CompletableFuture<java.util.Map<String, Optional<String>>> installOnPool(String pool, ModuleInstall install)
      throws SteeringException;

  /** Removes a module from the user's container on a node; the container stops with its last module. */
  CompletableFuture<Void> remove(String nodeId, String user, String module) throws SteeringException;
}
