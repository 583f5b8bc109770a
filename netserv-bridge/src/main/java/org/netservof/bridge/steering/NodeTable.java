package org.netservof.bridge.steering;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.SteeringException;
import org.netservof.policy.steering.SteeringNode;

/**
 * The nodes, their cookie indexes, and what their watchers reported about their health. Not
 * thread-safe: the steering manager guards it.
 */
final class NodeTable {
  /** A node and what is known of it apart from its port's state. */
  record Entry(NodeSpec spec, int index, boolean reportedHealthy, String report) {
    /** The node as a steering target whose frames carry {@code mark}. */
    SteeringNode asTarget(int mark, boolean tagged) {
      return new SteeringNode(spec.id(), index, spec.attachment(), spec.weight(), mark, tagged);
    }
  }

  private final Map<String, Entry> byId = new TreeMap<>();

  Entry add(NodeSpec spec) throws SteeringException {
    if (byId.containsKey(spec.id())) {
      throw new SteeringException("node '" + spec.id() + "' exists already");
    }
    for (Entry e : byId.values()) {
      if (e.spec().attachment().equals(spec.attachment())) {
        throw new SteeringException("port " + spec.attachment() + " already has node '" + e.spec().id() + "'");
      }
    }
    TreeSet<Integer> used = new TreeSet<>();
    byId.values().forEach(e -> used.add(e.index()));
    int index = 1;
    while (used.contains(index)) {
      index++;
    }
    if (index > 0xffff) {
      throw new SteeringException("no node index left for node '" + spec.id() + "'");
    }
    Entry entry = new Entry(spec, index, true, "added");
    byId.put(spec.id(), entry);
    return entry;
  }

  Optional<Entry> remove(String id) {
    return Optional.ofNullable(byId.remove(id));
  }

  void report(String id, boolean healthy, String report) throws SteeringException {
    Entry e = get(id);
    byId.put(id, new Entry(e.spec(), e.index(), healthy, report));
  }

  Entry get(String id) throws SteeringException {
    Entry e = byId.get(id);
    if (e == null) {
      throw new SteeringException("no node '" + id + "'");
    }
    return e;
  }

  Collection<Entry> all() {
    return List.copyOf(byId.values());
  }

  List<Entry> inPool(String pool) {
    List<Entry> out = new ArrayList<>();
    byId.values().stream().filter(e -> e.spec().pool().equals(pool)).forEach(out::add);
    return out;
  }
}
