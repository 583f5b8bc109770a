package org.netservof.bridge.signaling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.netservof.protocol.node.NodeGrant;

/**
 * The users this domain knows, replaced as a whole when the configuration is read again: a bad new list
 * leaves the old one in force.
 */
final class Users {
  private final AtomicReference<Map<String, UserPolicy>> current = new AtomicReference<>(Map.of());

  /**
   * Reads a users list and puts it in force.
   *
   * @throws IllegalArgumentException naming the entry that is wrong; the users in force do not change
   */
  void replace(List<UserConfig> users) {
    Map<String, UserPolicy> next = new HashMap<>();
    for (UserConfig u : users) {
      UserPolicy policy = UserPolicy.of(u);
      if (next.put(policy.name(), policy) != null) {
        throw new IllegalArgumentException("users: '" + policy.name() + "' is listed twice");
      }
    }
    current.set(Map.copyOf(next));
  }

  Optional<UserPolicy> get(String name) {
    return Optional.ofNullable(current.get().get(name));
  }

  java.util.Collection<UserPolicy> all() {
    return current.get().values();
  }

  /**
   * Each user's {@code listen-ports} and {@code connect-to} grant entries, as {@link NodeGrant#entries} spells
   * them (users without one included, with none).
   */
  Map<String, List<String>> listenGrants() {
    Map<String, List<String>> out = new HashMap<>();
    current.get().values().forEach(u -> out.put(u.name(), u.nodeGrant().entries()));
    return out;
  }

  int size() {
    return current.get().size();
  }
}
