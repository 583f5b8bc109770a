package org.netservof.controller.forwarding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.netservof.policy.fabric.Path;

/** The routes whose entries are installed, by flow; so a failure can take exactly the affected ones away. */
final class RouteTable {
  private final Map<FlowKey, Path> routes = new HashMap<>();

  synchronized void put(FlowKey key, Path path) {
    routes.put(key, path);
  }

  synchronized Optional<Path> get(FlowKey key) {
    return Optional.ofNullable(routes.get(key));
  }

  /** Removes and returns the routes the predicate picks. */
  synchronized List<Map.Entry<FlowKey, Path>> removeIf(BiPredicate<FlowKey, Path> doomed) {
    List<Map.Entry<FlowKey, Path>> gone = routes.entrySet().stream()
        .filter(e -> doomed.test(e.getKey(), e.getValue())).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    gone.forEach(e -> routes.remove(e.getKey()));
    return gone;
  }

  /** Forgets a route if it is still the one installed from {@code ingress}. */
  synchronized void expired(FlowKey key, org.projectfloodlight.openflow.types.DatapathId ingress) {
    Path path = routes.get(key);
    if (path != null && path.hops().get(0).dpid().equals(ingress)) {
      routes.remove(key);
    }
  }

  synchronized int size() {
    return routes.size();
  }
}
