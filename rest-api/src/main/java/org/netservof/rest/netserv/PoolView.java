package org.netservof.rest.netserv;

import java.util.List;

/**
 * A pool: the nodes sharing one name, and the services steered through it.
 *
 * @param healthy how many of its nodes take new flows
 */
public record PoolView(String name, List<String> nodes, int healthy, List<Integer> services) {}
