package org.netservof.bridge.steering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.netservof.policy.openflow.Meters;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Per-user rate caps as OpenFlow 1.3 meters: a user with a cap gets a meter id, the same on every switch, and
 * the steering entries of the user's services send their packets through it first. Tracks which meters each
 * switch has so that a change is an add, a modify or a delete. OpenFlow 1.0 switches have no meters: there
 * the user's traffic is steered uncapped.
 */
final class UserMeters {
  /** The user and rate a meter id stands for. */
  private record Cap(int id, int kbps) {}

  private final Map<String, Cap> caps = new HashMap<>();
  private int nextId = 1;
  // Worker thread only: meter id to rate as each switch has it.
  private final Map<DatapathId, Map<Integer, Integer>> onSwitch = new HashMap<>();

  /** Sets a user's cap; 0 removes it. Returns whether anything changed. */
  synchronized boolean set(String user, int kbps) {
    Cap old = caps.get(user);
    if (kbps <= 0) {
      return caps.remove(user) != null;
    }
    if (old != null && old.kbps() == kbps) {
      return false;
    }
    caps.put(user, new Cap(old != null ? old.id() : nextId++, kbps));
    return true;
  }

  /** The meter a user's steering entries go through, if the user has a cap. */
  synchronized OptionalInt meterOf(Optional<String> user) {
    Cap c = user.map(caps::get).orElse(null);
    return c == null ? OptionalInt.empty() : OptionalInt.of(c.id());
  }

  /** Meter id to the user whose cap it is, for the caps set now. */
  synchronized Map<Integer, String> users() {
    Map<Integer, String> out = new HashMap<>();
    caps.forEach((user, cap) -> out.put(cap.id(), user));
    return out;
  }

  private synchronized Map<Integer, Integer> desired() {
    Map<Integer, Integer> out = new TreeMap<>();
    caps.values().forEach(c -> out.put(c.id(), c.kbps()));
    return out;
  }

  /** Adds and modifies that must reach a switch before entries may use the meters. */
  List<OFMessage> additions(DatapathId dpid, OFFactory f) {
    List<OFMessage> out = new ArrayList<>();
    if (!Meters.supported(f)) {
      return out;
    }
    Map<Integer, Integer> has = onSwitch.computeIfAbsent(dpid, d -> new HashMap<>());
    desired().forEach((id, kbps) -> {
      Integer now = has.put(id, kbps);
      if (now == null) {
        out.add(Meters.dropAbove(f, OFMeterModCommand.ADD, id, kbps));
      } else if (!now.equals(kbps)) { // Integers: != would compare references
        out.add(Meters.dropAbove(f, OFMeterModCommand.MODIFY, id, kbps));
      }
    });
    return out;
  }

  /** The meters a switch has that no cap needs now. */
  Set<Integer> unwanted(DatapathId dpid) {
    Set<Integer> out = new TreeSet<>(onSwitch.getOrDefault(dpid, Map.of()).keySet());
    out.removeAll(desired().keySet());
    return out;
  }

  /**
   * Deletes of meters no cap needs, once no entry uses them (deleting a meter deletes its entries), except
   * {@code kept}.
   */
  List<OFMessage> removals(DatapathId dpid, OFFactory f, Set<Integer> kept) {
    List<OFMessage> out = new ArrayList<>();
    Map<Integer, Integer> has = onSwitch.get(dpid);
    if (has == null || !Meters.supported(f)) {
      return out;
    }
    Map<Integer, Integer> want = desired();
    has.keySet().removeIf(id -> {
      if (!want.containsKey(id) && !kept.contains(id)) {
        out.add(Meters.delete(f, id));
        return true;
      }
      return false;
    });
    return out;
  }

  /** The switch left: what it has is unknown until it is read back. */
  void forget(DatapathId dpid) {
    onSwitch.remove(dpid);
  }

  /**
   * What a switch was read back to have: meter id to drop rate in kbps (-1 for a meter of another shape, which the
   * next additions modify). Meters no cap needs go with the next removals; a meter no longer there is added.
   */
  void learn(DatapathId dpid, Map<Integer, Integer> present) {
    onSwitch.put(dpid, new HashMap<>(present));
  }
}
