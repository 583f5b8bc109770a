package org.netservof.bridge.steering;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.netservof.policy.plan.FlowEntry;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The per-flow entries reactive steering installed, so a service or node that goes can delete exactly
 * its entries, also on OpenFlow 1.0 switches, which cannot delete by cookie. Entries leave when the
 * switch reports their removal. Thread-safe.
 */
final class FlowTracker {
  /** A per-flow entry and whose it is: the service, the node, and the target's mark. */
  record Tracked(FlowEntry entry, int serviceId, int nodeIndex, int mark) {}

  private final Map<FlowEntry.Key, Tracked> entries = new ConcurrentHashMap<>();

  void add(FlowEntry entry, int serviceId, int nodeIndex, int mark) {
    entries.put(entry.key(), new Tracked(entry, serviceId, nodeIndex, mark));
  }

  /** The switch removed an entry (idle timeout, or our delete). */
  void removed(DatapathId dpid, int priority, Match match) {
    entries.remove(new FlowEntry.Key(dpid, priority, match));
  }

  /** Takes the entries the predicate picks out of the tracker and returns them, to be deleted. */
  List<FlowEntry> take(Predicate<Tracked> doomed) {
    List<Tracked> gone = entries.values().stream().filter(doomed).toList();
    gone.forEach(t -> entries.remove(t.entry().key()));
    return gone.stream().map(Tracked::entry).toList();
  }

  int size() {
    return entries.size();
  }
}
