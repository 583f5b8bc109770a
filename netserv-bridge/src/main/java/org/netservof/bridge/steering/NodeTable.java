package org.netservof.bridge.steering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.netservof.bridge.api.NodeIntent;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeStore;
import org.netservof.bridge.api.SteeringException;
import org.netservof.controller.api.store.Versioned;
import org.netservof.policy.steering.SteeringNode;

/**
 * The nodes: their intent (spec, cookie index, drain state) in the {@link NodeStore}, and what their
 * watchers reported about their health, which is observed and kept here. Not thread-safe: the node pool
 * guards it.
 */
final class NodeTable {
  /** A node and what is known of it apart from its port's state. */
  record Entry(NodeIntent intent, boolean reportedHealthy, String report) {
    NodeSpec spec() {
      return intent.spec();
    }

    int index() {
      return intent.index();
    }

    /** The node as a steering target whose frames carry {@code mark}. */
    SteeringNode asTarget(int mark, boolean tagged) {
      return new SteeringNode(spec().id(), index(), spec().attachment(), spec().weight(), mark, tagged);
    }
  }

  /** A watcher's last word on a node. */
  private record Report(boolean healthy, String reason) {}

  private static final Report ADDED = new Report(true, "added");

  private final NodeStore store;
  private final Map<String, Report> reports = new HashMap<>();

  NodeTable(NodeStore store) {
    this.store = store;
  }

  Entry add(NodeSpec spec) throws SteeringException {
    Map<String, Versioned<NodeIntent>> all = store.all();
    if (all.containsKey(spec.id())) {
      throw new SteeringException("node '" + spec.id() + "' exists already");
    }
    TreeSet<Integer> used = new TreeSet<>();
    for (Versioned<NodeIntent> v : all.values()) {
      if (v.value().spec().attachment().equals(spec.attachment())) {
        throw new SteeringException("port " + spec.attachment() + " already has node '" + v.value().spec().id() + "'");
      }
      used.add(v.value().index());
    }
    int index = 1;
    while (used.contains(index)) {
      index++;
    }
    if (index > 0xffff) {
      throw new SteeringException("no node index left for node '" + spec.id() + "'");
    }
    NodeIntent intent = new NodeIntent(spec, index, false);
    if (store.compareAndSet(spec.id(), 0, intent, Optional.empty()).isEmpty()) {
      throw new SteeringException("node '" + spec.id() + "' was added at the same moment by someone else");
    }
    reports.put(spec.id(), ADDED);
    return entry(intent);
  }

  Optional<Entry> remove(String id) {
    reports.remove(id);
    return store.remove(id).map(v -> entry(v.value()));
  }

  /** Sets the drain state; false when it was set already. */
  boolean setDraining(String id, boolean draining) throws SteeringException {
    Entry e = get(id);
    if (e.intent().draining() == draining) {
      return false;
    }
    store.put(id, new NodeIntent(e.spec(), e.index(), draining), Optional.empty());
    return true;
  }

  void report(String id, boolean healthy, String reason) throws SteeringException {
    get(id);
    reports.put(id, new Report(healthy, reason));
  }

  Entry get(String id) throws SteeringException {
    return store.get(id).map(v -> entry(v.value())).orElseThrow(() -> new SteeringException("no node '" + id + "'"));
  }

  /** Every node, by id. */
  List<Entry> all() {
    Map<String, Entry> out = new TreeMap<>();
    store.all().forEach((id, v) -> out.put(id, entry(v.value())));
    return List.copyOf(out.values());
  }

  List<Entry> inPool(String pool) {
    List<Entry> out = new ArrayList<>();
    all().stream().filter(e -> e.spec().pool().equals(pool)).forEach(out::add);
    return out;
  }

  private Entry entry(NodeIntent intent) {
    Report r = reports.getOrDefault(intent.spec().id(), ADDED);
    return new Entry(intent, r.healthy(), r.reason());
  }
}
