package org.netservof.bridge.steering;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.SteeringException;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.policy.steering.SteeredService;
import org.netservof.policy.steering.SteeringNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds steering's snapshot from the services, the nodes, their ports, marks, containers and agents. Called
 * under the node pool's lock, which guards every table it reads.
 */
final class SnapshotBuilder {
  private static final Logger log = LoggerFactory.getLogger(SnapshotBuilder.class);

  /** The node tables a snapshot is built from. */
  record Tables(NodeTable nodes, MarkTable marks, Map<MarkTable.Target, String> readyContainers,
      Map<String, AgentView> agents) {}

  private final SwitchService switches;

  SnapshotBuilder(SwitchService switches) {
    this.switches = switches;
  }

  Snapshot build(Collection<ServiceInfo> services, UserMeters meters, Tables tables) {
    Map<String, NodeView> views = new TreeMap<>();
    Map<String, Boolean> healthyNode = new HashMap<>();
    Map<Integer, SteeringNode> byMark = new HashMap<>();
    for (NodeTable.Entry e : tables.nodes().all()) {
      NodeView view = view(e, tables);
      views.put(view.id(), view);
      healthyNode.put(view.id(), view.healthy());
      if (view.mark() > 0) {
        byMark.put(view.mark(), e.asTarget(view.mark(), false));
      }
    }
    List<Snapshot.Active> active = new ArrayList<>();
    Map<Integer, Snapshot.Active> byId = new HashMap<>();
    Map<Snapshot.Audience, List<SteeringNode>> targets = new HashMap<>();
    Set<SteeringNode> drainingTargets = new HashSet<>();
    for (ServiceInfo s : services) {
      Snapshot.Active a = new Snapshot.Active(s, new SteeredService(s.id(), s.request().filter(),
          meters.meterOf(s.request().user())));
      active.add(a);
      byId.put(s.id(), a);
      targets.computeIfAbsent(a.audience(), audience -> targetsFor(audience, tables, healthyNode, byMark,
          drainingTargets));
    }
    active.sort(Snapshot.CLASSIFIER_ORDER);
    return new Snapshot(List.copyOf(active), Map.copyOf(byId), Map.copyOf(targets), Map.copyOf(byMark),
        Map.copyOf(views), List.copyOf(drainingTargets));
  }

  private NodeView view(NodeTable.Entry e, Tables tables) {
    String portState = portState(e.spec());
    boolean ok = e.reportedHealthy() && portState.isEmpty();
    String status = !e.reportedHealthy() ? e.report() : portState.isEmpty() ? "port up, " + e.report() : portState;
    int mark = markOrZero(tables.marks(), new MarkTable.Target(e.spec().id(), Optional.empty()));
    boolean drains = e.intent().draining();
    return new NodeView(e.spec(), e.index(), mark, ok, drains, drains ? "draining; " + status : status,
        Optional.ofNullable(tables.agents().get(e.spec().id())));
  }

  /**
   * The healthy nodes of the audience's pool, or their ready containers for the audience's user; draining
   * ones go to {@code drainingOut} instead.
   */
  private List<SteeringNode> targetsFor(Snapshot.Audience audience, Tables tables, Map<String, Boolean> healthyNode,
      Map<Integer, SteeringNode> byMark, Set<SteeringNode> drainingOut) {
    List<SteeringNode> out = new ArrayList<>();
    for (NodeTable.Entry e : tables.nodes().inPool(audience.pool())) {
      MarkTable.Target target = new MarkTable.Target(e.spec().id(), audience.user());
      int mark = markOrZero(tables.marks(), target);
      if (mark == 0) {
        continue;
      }
      SteeringNode node = e.asTarget(mark, audience.user().isPresent());
      byMark.put(mark, node);
      boolean ready = audience.user().isEmpty() || tables.readyContainers().containsKey(target);
      if (healthyNode.getOrDefault(e.spec().id(), false) && ready) {
        (e.intent().draining() ? drainingOut : out).add(node);
      }
    }
    return List.copyOf(out);
  }

  private static int markOrZero(MarkTable marks, MarkTable.Target target) {
    try {
      return marks.markOf(target);
    } catch (SteeringException e) {
      log.error("{}", e.getMessage());
      return 0;
    }
  }

  /** Empty when the node's port is up; otherwise why not. */
  private String portState(NodeSpec spec) {
    // Connected in any role: a node behind a switch another cluster member masters is as healthy as its port.
    Optional<OFSwitch> sw = switches.connectedSwitch(spec.attachment().dpid());
    if (sw.isEmpty()) {
      return "switch " + spec.attachment().dpid() + " not connected";
    }
    if (sw.get().port(spec.attachment().port()).isEmpty()) {
      return "port " + spec.attachment() + " does not exist";
    }
    return sw.get().isPortUp(spec.attachment().port()) ? "" : "port " + spec.attachment() + " down";
  }
}
