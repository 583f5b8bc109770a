package org.netservof.bridge.steering;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.policy.steering.SteeredService;
import org.netservof.policy.steering.SteeringLayout;
import org.netservof.policy.steering.SteeringNode;

/**
 * An immutable view of steering's state for the packet path, which reads it without locks: the active
 * services in the order the switches rank their classifiers, the healthy nodes of each pool, the nodes by
 * mark, and the draining nodes' targets (they take no new flows, but keep their tunnels for the flows they
 * carry).
 */
record Snapshot(List<Active> services, Map<Integer, Active> byId, Map<Audience, List<SteeringNode>> healthyTargets,
    Map<Integer, SteeringNode> byMark, Map<String, NodeView> nodes, List<SteeringNode> draining) {

  /** Whose traffic goes to which pool: the user's containers on the pool's nodes, or the nodes themselves. */
  record Audience(String pool, Optional<String> user) {}

  static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of());

  /** A registered service with its plan-side value. */
  record Active(ServiceInfo info, SteeredService planned) {
    Audience audience() {
      return new Audience(info.request().pool(), info.request().user());
    }
  }

  /** Highest classifier priority first, then lowest id: how switches choose between overlapping filters. */
  static final Comparator<Active> CLASSIFIER_ORDER = Comparator
      .comparingInt((Active a) -> -SteeringLayout.classifierPriority(a.planned()))
      .thenComparingInt(a -> a.info().id());

  /** Where the audience's traffic may go now. */
  List<SteeringNode> healthy(Audience audience) {
    return healthyTargets.getOrDefault(audience, List.of());
  }

  Optional<Active> service(int id) {
    return Optional.ofNullable(byId.get(id));
  }
}
