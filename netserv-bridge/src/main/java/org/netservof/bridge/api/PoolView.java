package org.netservof.bridge.api;

import java.util.List;

/**
 * A pool: the nodes sharing one name, and the services steered through it.
 *
 * @param nodes its nodes' ids
 * @param healthy how many of its nodes take new flows
 * @param services the ids of the services steered through it
 */
public record PoolView(String name, List<String> nodes, int healthy, List<Integer> services) {
  public PoolView {
    nodes = List.copyOf(nodes);
    services = List.copyOf(services);
  }
}
