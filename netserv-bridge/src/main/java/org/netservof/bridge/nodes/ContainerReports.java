package org.netservof.bridge.nodes;

import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.protocol.node.ChannelMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node's report about one user's container means: readiness for the pools when the container is one
 * this controller asked for on the user's current mark, and otherwise its modules asked to go.
 */
final class ContainerReports {
  private static final Logger log = LoggerFactory.getLogger(ContainerReports.class);

  /** Records a container's readiness with the node's record; false when the connection is not the node's now. */
  @FunctionalInterface
  interface Readiness {
    boolean update(NodeConnection connection, ChannelMessage.ContainerState state, boolean ready);
  }

  private final InstalledModules installed;
  private final NodeHealthService health;
  private final NodeCommands commands;
  private final Readiness ready;

  ContainerReports(InstalledModules installed, NodeHealthService health, NodeCommands commands, Readiness ready) {
    this.installed = installed;
    this.health = health;
    this.commands = commands;
    this.ready = ready;
  }

  /** A container state message from a registered node. */
  void received(NodeConnection connection, ChannelMessage.ContainerState state) {
    String id = connection.nodeId();
    if (state.user() == null || !installed.serves(id, state.user())) {
      // Not a user this controller asked the node to serve (or one from before it started): the report counts
      // for nothing, and whatever runs for that user there is asked to go.
      log.info("node {} reports a container for {}, who has nothing installed there; ignored, removing its "
          + "modules {}", id, state.user(), state.modules());
      if (state.ready() && state.modules() != null) {
        state.modules().forEach(m -> connection.send(new ChannelMessage.Remove(commands.nextId(), state.user(), m)));
      }
      return;
    }
    try {
      if (!state.ready()) {
        ready.update(connection, state, false);
        health.setContainerReady(id, state.user(), false, state.reason());
        return;
      }
      int mark = health.containerMark(id, state.user());
      if (mark != state.vlan()) {
        // A container from before this controller started, on a mark that is not its user's any more.
        log.info("node {} runs a container for {} on mark {}, where the user's mark is {}; removing its modules {}",
            id, state.user(), state.vlan(), mark, state.modules());
        for (String module : state.modules()) {
          connection.send(new ChannelMessage.Remove(commands.nextId(), state.user(), module));
        }
        return;
      }
      if (ready.update(connection, state, true)) {
        health.setContainerReady(id, state.user(), true, state.reason());
      }
    } catch (SteeringException e) {
      log.warn("node {}: container of {}: {}", id, state.user(), e.getMessage());
    }
  }
}
