package org.netservof.bridge.steering;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netservof.bridge.api.NodeInfo;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.policy.steering.SteeredService;
import org.netservof.policy.steering.SteeringLayout;
import org.netservof.policy.steering.SteeringNode;

/**
 * An immutable view of steering's state for the packet path, which reads it without locks: the active
 * services in the order the switches rank their classifiers, the healthy nodes of each pool, the nodes by
 * mark.
 */
record Snapshot(List<Active> services, Map<Integer, Active> byId, Map<String, List<SteeringNode>> healthyByPool,
    Map<Integer, SteeringNode> byMark, Map<String, NodeInfo> nodes) {

  static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), Map.of(), Map.of(), Map.of());

  /** A registered service with its plan-side value. */
  record Active(ServiceInfo info, SteeredService planned) {
    String pool() {
      return info.request().pool();
    }
  }

  /** Highest classifier priority first, then lowest id: how switches choose between overlapping filters. */
  static final Comparator<Active> CLASSIFIER_ORDER = Comparator
      .comparingInt((Active a) -> -SteeringLayout.classifierPriority(a.planned()))
      .thenComparingInt(a -> a.info().id());

  List<SteeringNode> healthy(String pool) {
    return healthyByPool.getOrDefault(pool, List.of());
  }

  Optional<Active> service(int id) {
    return Optional.ofNullable(byId.get(id));
  }
}
