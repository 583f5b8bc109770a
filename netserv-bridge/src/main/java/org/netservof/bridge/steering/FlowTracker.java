package org.netservof.bridge.steering;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.netservof.policy.plan.FlowEntry;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The per-flow entries reactive steering installed, so a service or node that goes can delete exactly
 * its entries, also on OpenFlow 1.0 switches, which cannot delete by cookie. Entries leave when the switch
 * reports their removal, or when an audit reads the switch's tables back without them (removal reports are lost
 * while a switch is away; a switch in secure fail mode keeps its entries across a reconnect, so they are not
 * forgotten when it disconnects: they could no longer be deleted by service or node). The tracker
 * holds at most {@code capacity} entries, so a spray of new flows cannot grow it without bound: beyond that a new
 * flow is not steered (see {@link ReactiveSteering}). Thread-safe.
 */
final class FlowTracker {
  /** A per-flow entry and whose it is: the service, the node, and the target's mark. */
  record Tracked(FlowEntry entry, int serviceId, int nodeIndex, int mark) {}

  private final Map<FlowEntry.Key, Tracked> entries = new ConcurrentHashMap<>();
  private final int capacity;

  FlowTracker(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Tracks an entry about to be written, unless the tracker is full.
   *
   * @return false when full: the caller must not write the entry (it could never be deleted by service or node)
   */
  boolean add(FlowEntry entry, int serviceId, int nodeIndex, int mark) {
    // Concurrent PacketIns may overshoot the bound by the number of threads adding at once: harmless.
    if (entries.size() >= capacity && !entries.containsKey(entry.key())) {
      return false;
    }
    entries.put(entry.key(), new Tracked(entry, serviceId, nodeIndex, mark));
    return true;
  }

  /** The entries tracked on one switch now. */
  Set<FlowEntry.Key> on(DatapathId dpid) {
    return entries.keySet().stream().filter(k -> k.dpid().equals(dpid)).collect(Collectors.toSet());
  }

  /**
   * Forgets those of {@code trackedBefore} (taken before the switch's tables were read) that the read did not find:
   * they went while their removal reports could not come. Entries tracked during the read are left alone.
   */
  void forgetMissing(Set<FlowEntry.Key> trackedBefore, Collection<FlowEntry> readBack) {
    Set<FlowEntry.Key> present = readBack.stream().map(FlowEntry::key).collect(Collectors.toSet());
    trackedBefore.stream().filter(k -> !present.contains(k)).forEach(entries::remove);
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
