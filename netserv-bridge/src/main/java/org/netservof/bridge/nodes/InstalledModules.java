package org.netservof.bridge.nodes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.netservof.bridge.api.DeploymentStore;
import org.netservof.controller.api.store.Versioned;

/**
 * Which users' modules this controller has on which node: a node's reports about a user's container count
 * only for users it was asked to serve, so a node cannot claim another user's traffic (or make the controller
 * allocate marks for names it makes up). A user is served on a node while a deployment in the store has their
 * module there (so after a restart too) or while an install sent from here stands; kept across a node's
 * reconnections; thread-safe.
 */
final class InstalledModules {
  private final DeploymentStore ledger;
  private final Map<String, Map<String, Set<String>>> byNode = new HashMap<>();

  InstalledModules(DeploymentStore ledger) {
    this.ledger = ledger;
  }

  /** An install was sent (a failed one is {@link #removed} again). */
  synchronized void installing(String nodeId, String user, String module) {
    byNode.computeIfAbsent(nodeId, n -> new HashMap<>()).computeIfAbsent(user, u -> new HashSet<>()).add(module);
  }

  /** A module is off the node (removed, or its install failed). */
  synchronized void removed(String nodeId, String user, String module) {
    Map<String, Set<String>> users = byNode.get(nodeId);
    Set<String> modules = users == null ? null : users.get(user);
    if (modules != null && modules.remove(module) && modules.isEmpty()) {
      users.remove(user);
    }
  }

  /** Whether the user's module was installed on the node from here (or a deployment has it there). */
  boolean runs(String nodeId, String user, String module) {
    synchronized (this) {
      if (byNode.getOrDefault(nodeId, Map.of()).getOrDefault(user, Set.of()).contains(module)) {
        return true;
      }
    }
    return ledger.all().values().stream().map(Versioned::value).anyMatch(d -> d.nodes().contains(nodeId)
        && d.module().map(m -> m.user().equals(user) && m.module().equals(module)).orElse(false));
  }

  boolean serves(String nodeId, String user) {
    synchronized (this) {
      if (byNode.getOrDefault(nodeId, Map.of()).containsKey(user)) {
        return true;
      }
    }
    return ledger.all().values().stream().map(Versioned::value).anyMatch(d -> d.nodes().contains(nodeId)
        && d.module().map(m -> m.user().equals(user)).orElse(false));
  }
}
