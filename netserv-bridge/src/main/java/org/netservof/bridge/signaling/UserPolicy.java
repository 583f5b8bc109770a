package org.netservof.bridge.signaling;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.protocol.Names;
import org.netservof.protocol.node.ConnectGrant;
import org.netservof.protocol.node.ListenGrant;
import org.netservof.protocol.node.NodeGrant;
import org.netservof.protocol.signaling.SignalKeys;

/**
 * What one user may do, read from a {@link UserConfig}: the key their messages must be signed with, and the
 * filters they may ask for, as grants a requested filter must lie inside.
 */
record UserPolicy(String name, PublicKey key, List<Filter> grants, int maxServices, int maxRateKbps,
    ListenGrant listenGrant, ConnectGrant connectGrant) {
  UserPolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(listenGrant, "listenGrant");
    Objects.requireNonNull(connectGrant, "connectGrant");
    grants = List.copyOf(grants);
  }

  /**
   * Reads a user entry.
   *
   * @throws IllegalArgumentException naming the user and what is wrong with the entry
   */
  static UserPolicy of(UserConfig c) {
    String who = "users: '" + c.name() + "': ";
    if (c.name() == null || !Names.isName(c.name())) {
      throw new IllegalArgumentException(who + "name must be " + Names.NAME_RULE);
    }
    if (c.maxServices() < 0 || c.maxRateKbps() < 0) {
      throw new IllegalArgumentException(who + "max-services and max-rate-kbps must not be negative");
    }
    PublicKey key;
    try {
      key = SignalKeys.readPublic(Path.of(c.publicKeyFile()));
    } catch (IOException e) {
      throw new IllegalArgumentException(who + "public-key-file: " + e.getMessage(), e);
    }
    List<Filter> grants = new ArrayList<>();
    ListenGrant listen;
    ConnectGrant connect;
    try {
      listen = ListenGrant.parse(c.listenPorts());
      connect = ConnectGrant.parse(c.connectTo());
      for (String prefix : c.filterPrefixes()) {
        for (String protocol : c.protocols()) {
          grants.add(grant(prefix, protocol));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(who + e.getMessage(), e);
    }
    return new UserPolicy(c.name(), key, grants, c.maxServices(), c.maxRateKbps(), listen, connect);
  }

  private static Filter grant(String prefix, String protocol) {
    String[] parts = protocol.split(":", 2);
    Filter f = Filter.of(Protocol.parse(parts[0]));
    if (parts.length == 2) {
      f = f.withDstPorts(PortRange.parse(parts[1]));
    }
    // Every destination: a filter without a destination prefix must fit inside it too.
    return prefix.equals("0.0.0.0/0") ? f : f.withDst(prefix);
  }

  /** What the user's modules may do at a node's service address, as the node channel carries it. */
  NodeGrant nodeGrant() {
    return new NodeGrant(listenGrant, connectGrant);
  }

  /** Whether the user may steer what {@code filter} selects. */
  boolean permits(Filter filter) {
    return grants.stream().anyMatch(filter::within);
  }
}
