package org.netservof.bridge.nodes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.NodeGrant;

/**
 * The users' {@code listen-ports} and {@code connect-to} grants in force ({@link NodeGrant} entries), as the
 * signaling module last put them: what the nodes are told, and what every install carries when it is sent (its
 * listen-ports; never the grant stored with an old deployment, which would bring back a port since taken away).
 */
final class ListenGrants {
  private volatile Map<String, List<String>> current = Map.of();
  /** The registered nodes' connections, each told every change. */
  private final Set<NodeConnection> told = ConcurrentHashMap.newKeySet();

  /**
   * Puts {@code grants} in force (a user missing has none) and tells every registered node when they changed.
   *
   * @throws IllegalArgumentException when an entry is not a grant, naming it; nothing changes then
   */
  void replace(Map<String, List<String>> grants) {
    changed(grants).ifPresent(m -> told.forEach(c -> c.send(m)));
  }

  private Optional<ChannelMessage.Grants> changed(Map<String, List<String>> grants) {
    Map<String, List<String>> checked = new TreeMap<>();
    grants.forEach((user, ports) -> {
      List<String> entries = NodeGrant.parse(ports).entries();
      if (!entries.isEmpty()) {
        checked.put(user, entries);
      }
    });
    synchronized (this) {
      if (checked.equals(current)) {
        return Optional.empty();
      }
      current = Map.copyOf(checked);
    }
    return Optional.of(new ChannelMessage.Grants(current));
  }

  /**
   * A node that registered: told the grants in force now unless no user has one (a new session has none), and
   * every change from now on.
   */
  void join(NodeConnection connection) {
    told.add(connection);
    Map<String, List<String>> now = current;
    if (!now.isEmpty()) {
      connection.send(new ChannelMessage.Grants(now));
    }
  }

  /** A connection that closed. */
  void leave(NodeConnection connection) {
    told.remove(connection);
  }

  /** The user's {@code listen-ports} grant in force, for an install's record; empty when none. */
  List<String> of(String user) {
    return NodeGrant.parse(current.getOrDefault(user, List.of())).listen().entries();
  }
}
