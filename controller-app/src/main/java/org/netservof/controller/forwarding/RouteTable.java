package org.netservof.controller.forwarding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.netservof.controller.util.MacKeys;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The routes whose entries are installed, by flow and the port the route starts at (a host's edge port, a
 * service node's port, or a link port where a route was resumed), so a failure can take exactly the
 * affected ones away. Indexed by MAC too: a switch that goes takes its hosts with it, one event each, and a
 * scan of every route per host would hold an I/O thread for seconds (16,000 hosts and routes: 256 million tests).
 * And by switch: a failure looks only at the routes through the switches it touches (15 switches that left at
 * once scanned 15,000 routes each, 0.3 s of the I/O thread a new switch's handshake waited for).
 */
final class RouteTable {
  /** A route's identity: the flow and where it enters. */
  record RouteId(FlowKey flow, SwitchPort ingress) {}

  /**
   * An installed route.
   *
   * @param fromNode it starts at a service node's port: its first entry is in the return-from-node band, and
   *     pops the tag of a tagged flow (a container's mark), so the rest of the route carries it untagged
   */
  record Route(Path path, boolean fromNode) {}

  private final Map<RouteId, Route> routes = new HashMap<>();
  /** The routes of each source and destination MAC, by {@link MacKeys}. */
  private final Map<Long, Set<RouteId>> byMac = new HashMap<>();
  /** The routes through each switch. */
  private final Map<DatapathId, Set<RouteId>> bySwitch = new HashMap<>();

  synchronized void put(RouteId id, Route route) {
    Route before = routes.get(id);
    if (route.equals(before)) {
      return; // installed again: the entry already here stays, and the new one dies young, uncopied by the GC
    }
    routes.put(id, route);
    if (before == null) {
      index(byMac, MacKeys.of(id.flow().src()), id);
      index(byMac, MacKeys.of(id.flow().dst()), id);
    } else {
      before.path().hops().forEach(h -> unindex(bySwitch, h.dpid(), id));
    }
    route.path().hops().forEach(h -> index(bySwitch, h.dpid(), id));
  }

  /** Removes and returns the routes through any of {@code through} that the predicate picks. */
  synchronized List<Map.Entry<RouteId, Route>> removeIf(Set<DatapathId> through, BiPredicate<RouteId, Path> doomed) {
    Set<RouteId> candidates = new HashSet<>();
    through.forEach(dpid -> candidates.addAll(bySwitch.getOrDefault(dpid, Set.of())));
    List<Map.Entry<RouteId, Route>> gone = new ArrayList<>();
    for (RouteId id : candidates) {
      Route route = routes.get(id);
      if (doomed.test(id, route.path())) {
        gone.add(Map.entry(id, remove(id)));
      }
    }
    return gone;
  }

  /** Removes and returns the routes from or to {@code mac}. */
  synchronized List<Map.Entry<RouteId, Route>> removeInvolving(MacAddress mac) {
    Set<RouteId> ids = byMac.get(MacKeys.of(mac));
    if (ids == null) {
      return List.of();
    }
    List<Map.Entry<RouteId, Route>> gone = new ArrayList<>(ids.size());
    for (RouteId id : List.copyOf(ids)) {
      gone.add(Map.entry(id, remove(id)));
    }
    return gone;
  }

  /** Forgets a route whose first entry the switch removed (idle or hard timeout, or a delete). */
  synchronized void expired(RouteId id) {
    remove(id);
  }

  synchronized int size() {
    return routes.size();
  }

  private Route remove(RouteId id) {
    Route route = routes.remove(id);
    if (route != null) {
      unindex(byMac, MacKeys.of(id.flow().src()), id);
      unindex(byMac, MacKeys.of(id.flow().dst()), id);
      route.path().hops().forEach(h -> unindex(bySwitch, h.dpid(), id));
    }
    return route;
  }

  private static <K> void index(Map<K, Set<RouteId>> index, K key, RouteId id) {
    index.computeIfAbsent(key, k -> new HashSet<>()).add(id);
  }

  private static <K> void unindex(Map<K, Set<RouteId>> index, K key, RouteId id) {
    Set<RouteId> ids = index.get(key);
    if (ids != null && ids.remove(id) && ids.isEmpty()) {
      index.remove(key);
    }
  }
}
