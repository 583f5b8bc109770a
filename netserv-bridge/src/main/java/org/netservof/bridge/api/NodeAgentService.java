package org.netservof.bridge.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.ListenerService;

/**
 * Commands to node agents over the node channel. Only the deployment service installs and removes modules:
 * it keeps the ledger of what runs where, which decides when a module must go on or come off a node.
 */
public interface NodeAgentService extends ListenerService<AgentListener> {

  /** Where node agents connect (the bound {@code node-listen}); empty while no node agent is configured. */
  Optional<InetSocketAddress> channelAddress();

  /** The newest node-channel events (refusals, replacements, overruled descriptions), oldest first. */
  List<NodeChannelEvent> events();

  /**
   * Installs a module in the user's container on a node (the node starts the container if needed). The
   * future completes when the node confirms; it fails with the node's reason (a bad digest, say).
   *
   * @throws SteeringException when the node is not connected or the request is malformed; nothing is sent
   */
  CompletableFuture<Void> install(String nodeId, ModuleInstall install) throws SteeringException;

  /** Removes a module from the user's container on a node; the container stops with its last module. */
  CompletableFuture<Void> remove(String nodeId, String user, String module) throws SteeringException;

  /**
   * Gives a module running in the user's container on a node new properties (its {@code update}, no restart).
   * The future fails with the node's reason (the module does not run there, its update threw).
   *
   * @throws SteeringException when the node is not connected; nothing is sent
   */
  default CompletableFuture<Void> update(String nodeId, String user, String module, Map<String, String> properties)
      throws SteeringException {
    throw new SteeringException("node '" + nodeId + "' cannot update modules");
  }

  /**
   * Puts the users' {@code listen-ports} and {@code connect-to} grants in force ({@code udp:3478} and {@code
   * connect:10.0.0.0/24:80} entries by user, {@link org.netservof.protocol.node.NodeGrant}; a user missing has
   * none): every connected node is told at once, a node that registers later right after its registration, and
   * every install carries the listen-ports grant in force when it is sent, never one stored with its deployment.
   */
  default void listenGrants(Map<String, List<String>> grants) {}

  /** The latest report of the user's module from each node that runs it, by node id. */
  default Map<String, ModuleReport> reports(String user, String module) {
    return Map.of();
  }

  /** This member's {@code instance-id} when the controller runs in a cluster; empty when it runs alone. */
  default Optional<String> instanceId() {
    return Optional.empty();
  }

  /**
   * The other cluster member that holds the node agent's connection now (its lease running): installs and
   * removals for the node are that member's to send. Empty when the controller runs alone, or when this member
   * or no member holds it.
   */
  default Optional<String> heldElsewhere(String nodeId) {
    return Optional.empty();
  }
}
