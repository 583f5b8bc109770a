package org.netservof.controller.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * etcd's elections in memory, with a revision counter: a candidate's key gets the next revision, the leader is
 * the candidate with the lowest one, and a member's lease taken away takes all its candidacies with it.
 * Watchers are told synchronously, unless a member is {@link #cutOff}: then it hears nothing, as a member
 * partitioned from etcd (or stopped) would not.
 */
final class FakeElectionServer {
  private record Candidate(String member, long lease, long revision) {}

  private record Watcher(String member, long lease, Consumer<Leader> leaders) {}

  /** What each member was told last, per switch: a cut-off member may act on it late. */
  private final Map<String, Map<DatapathId, Leader>> lastTold = new HashMap<>();

  private long revision = 100;
  private long leases;
  private final Map<DatapathId, List<Candidate>> candidates = new HashMap<>();
  private final Map<DatapathId, List<Watcher>> watchers = new HashMap<>();
  private final Map<String, Long> currentLease = new HashMap<>();
  private final List<String> cutOff = new ArrayList<>();
  /** Watchers of cut-off members whose lease expired: the member still has them, etcd does not. */
  private final List<Watcher> silenced = new ArrayList<>();

  /** Grants a member a new lease and returns it. */
  long grant(String member) {
    long lease = ++leases;
    currentLease.put(member, lease);
    return lease;
  }

  /** The elections as one member sees them, under its current lease. */
  Elections member(String member) {
    return (dpid, leaders) -> {
      long lease = currentLease.get(member);
      Candidate me = new Candidate(member, lease, ++revision);
      Watcher watcher = new Watcher(member, lease, leaders);
      candidates.computeIfAbsent(dpid, d -> new ArrayList<>()).add(me);
      watchers.computeIfAbsent(dpid, d -> new ArrayList<>()).add(watcher);
      tellAll(dpid);
      return () -> {
        watchers.get(dpid).remove(watcher);
        candidates.get(dpid).remove(me);
        tellAll(dpid);
      };
    };
  }

  /** The member's lease expires in etcd: its candidacies go, its watchers stop. */
  void expire(String member) {
    long lease = currentLease.get(member);
    for (DatapathId dpid : candidates.keySet()) {
      candidates.get(dpid).removeIf(c -> c.lease() == lease);
      watchers.get(dpid).stream().filter(w -> w.lease() == lease && cutOff.contains(member)).forEach(silenced::add);
      watchers.get(dpid).removeIf(w -> w.lease() == lease);
      tellAll(dpid);
    }
  }

  /** The member hears nothing from now on (partitioned or stopped); etcd itself goes on. */
  void cutOff(String member) {
    cutOff.add(member);
  }

  /**
   * A cut-off member acts late on the last leader it was told (say, it was stopped while handling it, or its
   * answers were queued behind a partition): itself, at its old generation.
   */
  void deliverLate(String member, DatapathId dpid) {
    Leader believed = lastTold.get(member).get(dpid);
    silenced.stream().filter(w -> w.member().equals(member)).forEach(w -> w.leaders().accept(believed));
  }

  long generation(DatapathId dpid) {
    return candidates.get(dpid).get(0).revision();
  }

  private void tellAll(DatapathId dpid) {
    List<Candidate> queue = candidates.getOrDefault(dpid, List.of());
    if (queue.isEmpty()) {
      return;
    }
    Candidate first = queue.get(0);
    for (Watcher w : List.copyOf(watchers.get(dpid))) {
      if (!cutOff.contains(w.member())) {
        Leader leader = new Leader(first.member(), first.revision(), first.lease() == w.lease());
        lastTold.computeIfAbsent(w.member(), m -> new HashMap<>()).put(dpid, leader);
        w.leaders().accept(leader);
      }
    }
  }
}
