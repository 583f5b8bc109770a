package org.netservof.controller.forwarding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;

/**
 * The routes whose entries are installed, by flow and the port the route starts at (a host's edge port, a
 * service node's port, or a link port where a route was resumed), so a failure can take exactly the
 * affected ones away.
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

  synchronized void put(RouteId id, Route route) {
    routes.put(id, route);
  }

  /** Removes and returns the routes the predicate picks. */
  synchronized List<Map.Entry<RouteId, Route>> removeIf(BiPredicate<RouteId, Path> doomed) {
    List<Map.Entry<RouteId, Route>> gone = routes.entrySet().stream()
        .filter(e -> doomed.test(e.getKey(), e.getValue().path())).map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
    gone.forEach(e -> routes.remove(e.getKey()));
    return gone;
  }

  /** Forgets a route whose first entry the switch removed (idle or hard timeout, or a delete). */
  synchronized void expired(RouteId id) {
    routes.remove(id);
  }

  synchronized int size() {
    return routes.size();
  }
}
