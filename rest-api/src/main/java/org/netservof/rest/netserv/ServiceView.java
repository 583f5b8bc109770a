package org.netservof.rest.netserv;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A service as the API shows it.
 *
 * @param state "active" (steered; with a module, installed), the only state a listed service has: creation
 *     answers once the module runs and the switches confirmed steering, and a deleted or expired one is gone
 * @param nodes the nodes its traffic may go to now
 * @param addresses the service addresses of those of its nodes that run its module and have one: where a server
 *     module listens
 * @param entries its entries on the switches, with their counters
 * @param counters its entries' packets and bytes added up
 */
public record ServiceView(int id, String name, Optional<String> user, FilterJson filter, String pool, String mode,
    String state, Instant registeredAt,
    Optional<Instant> expiresAt, Optional<ModuleJson> module, List<String> nodes, List<String> addresses,
    List<Entry> entries, Counters counters) {

  /** One of the service's entries on a switch. */
  public record Entry(String dpid, int priority, String match, long packets, long bytes) {}

  public record Counters(long packets, long bytes) {}
}
