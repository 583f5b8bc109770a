package org.netservof.bridge.steering;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.MarkIntent;
import org.netservof.bridge.api.NodeStore;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceStore;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.Versioned;

/**
 * What steering knows, under one lock: the services (intent, in their store), the nodes (intent in theirs,
 * plus health reports, marks, ready containers and agent reports), the users' meters; and the immutable
 * snapshot of it all that the packet path and the installer read without locks. The service registry and
 * the node pool change it under {@link #lock} and then {@link #refresh()}.
 */
final class SteeringState {
  final Object lock = new Object();
  final ServiceStore services;
  final NodeTable nodes;
  final MarkTable marks;
  final Map<MarkTable.Target, String> readyContainers = new HashMap<>();
  final Map<String, AgentView> agents = new HashMap<>();
  final UserMeters meters = new UserMeters();
  private final SnapshotBuilder builder;
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  SteeringState(ServiceStore services, NodeStore nodes, IntentStore<String, MarkIntent> marks, SteeringConfig config,
      SwitchService switches) {
    this.services = services;
    this.nodes = new NodeTable(nodes);
    this.marks = new MarkTable(config.markRange(), marks);
    this.builder = new SnapshotBuilder(switches);
  }

  /** The current state, for the packet path and the installer. */
  Snapshot snapshot() {
    return snapshot;
  }

  /** Rebuilds the snapshot from the tables as they are now; returns it. */
  Snapshot refresh() {
    synchronized (lock) {
      List<ServiceInfo> all = services.all().values().stream().map(Versioned::value).toList();
      snapshot = builder.build(all, meters, new SnapshotBuilder.Tables(nodes, marks, readyContainers, agents));
      return snapshot;
    }
  }
}
