package org.netservof.bridge.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The VLAN id that carries frames to a node (no user) or to one user's container on it, as the store "marks"
 * keeps it: entries on the switches and containers on the nodes carry it, so it must not change across a
 * restart.
 */
public record MarkIntent(String nodeId, Optional<String> user, int mark) {
  public MarkIntent {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(user, "user");
    if (mark < 1 || mark > 4094) {
      throw new IllegalArgumentException("mark must be a VLAN id in 1..4094, was " + mark);
    }
  }

  /** The store key: the node's id, and the user's after a '/' (neither may contain one). */
  public String key() {
    return nodeId + user.map(u -> "/" + u).orElse("");
  }
}
