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
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The routes whose entries are installed, by flow and the port the route starts at (a host's edge port, a
 * service node's port, or a link port where a route was resumed), so a failure can take exactly the
 * affected ones away. Indexed by MAC too: a switch that goes takes its hosts with it, one event each, and a
 * scan of every route per host would hold an I/O thread for seconds (16,000 hosts and routes: 256 million tests).
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

  synchronized void put(RouteId id, Route route) {
    Route before = routes.get(id);
    if (route.equals(before)) {
      return; // installed again: the entry already here stays, and the new one dies young, uncopied by the GC
    }
    routes.put(id, route);
    if (before == null) {
      byMac.computeIfAbsent(MacKeys.of(id.flow().src()), k -> new HashSet<>()).add(id);
      byMac.computeIfAbsent(MacKeys.of(id.flow().dst()), k -> new HashSet<>()).add(id);
    }
  }

  /** Removes and returns the routes the predicate picks. */
  synchronized List<Map.Entry<RouteId, Route>> removeIf(BiPredicate<RouteId, Path> doomed) {
    List<Map.Entry<RouteId, Route>> gone = new ArrayList<>();
    for (Map.Entry<RouteId, Route> e : routes.entrySet()) {
      if (doomed.test(e.getKey(), e.getValue().path())) {
        gone.add(Map.entry(e.getKey(), e.getValue()));
      }
    }
    gone.forEach(e -> remove(e.getKey()));
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
      unindex(id.flow().src(), id);
      unindex(id.flow().dst(), id);
    }
    return route;
  }

  private void unindex(MacAddress mac, RouteId id) {
    Long key = MacKeys.of(mac);
    Set<RouteId> ids = byMac.get(key);
    if (ids != null && ids.remove(id) && ids.isEmpty()) {
      byMac.remove(key);
    }
  }
}
