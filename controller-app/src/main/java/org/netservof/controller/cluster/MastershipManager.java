package org.netservof.controller.cluster;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.cluster.MastershipListener;
import org.netservof.controller.api.cluster.MastershipService;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.api.cluster.SwitchRole.Role;
import org.netservof.controller.core.SwitchArbiter;
import org.netservof.controller.util.EventSource;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's role for every switch connected to it. Alone (no elections) a switch is written at once, as
 * before there were clusters. In a cluster every OpenFlow 1.3+ switch has an election: the winner asks the
 * switch for MASTER with the election's generation id and writes once the switch granted it; the others ask
 * for SLAVE with the leader's generation id (so the switch does not refuse them as stale) and stop writing at
 * once. On losing its lease the member stops writing to every switch before anything else, then campaigns
 * again under a new lease; a switch that refuses it as stale, or a write as IS_SLAVE, makes it stop writing
 * to that switch.
 *
 * <p>OpenFlow 1.0 switches have no roles, so no election and no fencing: every member connected to one writes
 * to it. Connect a 1.0 switch to one controller only.
 *
 * <p>Changes are made under this object's lock; {@link #role} and {@link #roles} read without it, so a listener
 * told of a change may read them.
 */
final class MastershipManager extends EventSource<MastershipListener> implements MastershipService, SwitchArbiter {
  private static final Logger log = LoggerFactory.getLogger(MastershipManager.class);
  private final Supplier<String> instanceId;
  private final Optional<Elections> elections;
  private final ConcurrentHashMap<DatapathId, SwitchContest> contests = new ConcurrentHashMap<>();
  /** Whether this member holds a lease to campaign with; guarded by this. */
  private boolean leaseHeld;

  /** @param elections empty for a controller alone */
  MastershipManager(Supplier<String> instanceId, Optional<Elections> elections) {
    this.instanceId = instanceId;
    this.elections = elections;
  }

  @Override
  public Optional<SwitchRole> role(DatapathId dpid) {
    return Optional.ofNullable(contests.get(dpid)).map(SwitchContest::role);
  }

  @Override
  public Collection<SwitchRole> roles() {
    return contests.values().stream().map(SwitchContest::role).toList();
  }

  @Override
  public boolean elects(OFVersion version) {
    return elections.isPresent() && version.compareTo(OFVersion.OF_13) >= 0;
  }

  @Override
  public synchronized void connected(OFSwitch sw, Optional<OFControllerRole> granted, Consumer<SwitchRole> decided) {
    boolean elected = elects(sw.factory().getVersion());
    SwitchRole initial = elected ? slave(sw.id(), 0, Optional.empty()) : SwitchArbiter.alone(sw.id(), granted);
    if (!elected && elections.isPresent()) {
      log.warn("switch {} speaks {}, which has no controller roles: no election, every member connected to it "
          + "writes to it; connect it to one controller only", sw.id(), sw.factory().getVersion());
    }
    SwitchContest contest = new SwitchContest(sw, decided, elected, initial);
    SwitchContest old = contests.put(sw.id(), contest);
    if (old != null) {
      close(old);
    }
    decide(contest, initial);
    if (elected && leaseHeld) {
      campaign(contest);
    }
  }

  @Override
  public synchronized void disconnected(OFSwitch sw) {
    SwitchContest contest = contests.get(sw.id());
    if (contest != null && contest.sw == sw) {
      contests.remove(sw.id());
      close(contest);
    }
  }

  /** This member holds a (new) lease: it campaigns for every elected switch connected to it. */
  synchronized void leaseGranted() {
    leaseHeld = true;
    contests.values().stream().filter(c -> c.elected).forEach(this::campaign);
  }

  /**
   * This member's lease is gone (or may be, with keep-alives unanswered for its whole TTL): another member may
   * already master its switches. It stops writing to each at once and tells the switch it is SLAVE.
   */
  void leaseLost() {
    stepDownEverywhere("this member's lease is lost");
  }

  /** This member is stopping: it stops writing and leaves every election, so others need not wait for its lease. */
  void leaving() {
    stepDownEverywhere("this member is stopping");
  }

  private synchronized void stepDownEverywhere(String why) {
    leaseHeld = false;
    for (SwitchContest contest : contests.values()) {
      if (contest.elected) {
        contest.withdraw();
        long generation = contest.role().generationId();
        if (contest.role().writes()) {
          log.warn("switch {}: {}; it stops writing as {} (generation {})", contest.sw.id(), why,
              contest.role().role(), generation);
        }
        follow(contest, slave(contest.sw.id(), generation, Optional.empty()));
      }
    }
  }

  /**
   * The switch refused a write as coming from a slave, or said this member is one now: another member
   * masters it; stop writing to it.
   */
  synchronized void refusedAsSlave(DatapathId dpid, String why) {
    SwitchContest contest = contests.get(dpid);
    if (contest != null && contest.elected && contest.role().writes()) {
      log.warn("switch {}: {}; this member is not its master any more (generation {}), stepping down", dpid, why,
          contest.role().generationId());
      stepDown(contest);
    }
  }

  @Override
  public void demoted(OFSwitch sw, String why) {
    refusedAsSlave(sw.id(), why);
  }

  private void campaign(SwitchContest contest) {
    contest.withdraw();
    contest.candidacy = elections.map(e -> e.join(contest.sw.id(), leader -> leaderSeen(contest, leader)));
  }

  private synchronized void leaderSeen(SwitchContest contest, Leader leader) {
    if (contest.closed || !leaseHeld || leader.generation() < contest.role().generationId()) {
      return; // gone, unelectable, or a leader read late after a newer one
    }
    DatapathId dpid = contest.sw.id();
    follow(contest, leader.self()
        ? new SwitchRole(dpid, Role.MASTER, leader.generation(), Optional.of(instanceId.get()))
        : slave(dpid, leader.generation(), Optional.of(leader.instanceId())));
  }

  /**
   * Asks the switch for the role. A slave stops writing before it asks; a master writes only once the switch
   * granted it, so nothing it writes goes out under an older role.
   */
  private void follow(SwitchContest contest, SwitchRole wanted) {
    if (contest.requested.equals(Optional.of(wanted))) {
      return;
    }
    if (!wanted.writes()) {
      decide(contest, wanted);
    }
    contest.requested = Optional.of(wanted);
    long request = ++contest.requests;
    if (wanted.generationId() == 0) {
      return; // never elected: nothing to fence with, and nothing was written
    }
    contest.sw.request(RoleRequests.request(contest.sw.factory(), wanted.role(), wanted.generationId()))
        .whenComplete((reply, failure) -> answered(contest, request, wanted, failure));
  }

  private synchronized void answered(SwitchContest contest, long request, SwitchRole wanted, Throwable failure) {
    if (contest.closed || contest.requests != request) {
      return; // superseded by a later request, or the switch is gone
    }
    if (failure == null) {
      if (wanted.writes()) {
        decide(contest, wanted);
      }
      return;
    }
    contest.requested = Optional.empty();
    if (RoleRequests.stale(failure)) {
      log.info("switch {} refused {} with generation {} as stale: a later master has claimed it",
          contest.sw.id(), wanted.role(), wanted.generationId());
    } else {
      log.warn("switch {}: the {} role request (generation {}) failed: {}", contest.sw.id(), wanted.role(),
          wanted.generationId(), failure.getMessage());
    }
    if (contest.role().writes()) {
      log.warn("switch {}: stepping down from {} (generation {})", contest.sw.id(), contest.role().role(),
          contest.role().generationId());
      stepDown(contest);
    }
  }

  private void stepDown(SwitchContest contest) {
    contest.requested = Optional.empty();
    decide(contest, slave(contest.sw.id(), contest.role().generationId(), Optional.empty()));
  }

  private void decide(SwitchContest contest, SwitchRole role) {
    boolean changed = !role.equals(contest.role());
    contest.role(role);
    contest.decided.accept(role);
    if (changed) {
      tell(l -> l.roleChanged(role), "roleChanged of switch " + role.dpid());
    }
  }

  private void close(SwitchContest contest) {
    contest.closed = true;
    contest.withdraw();
  }

  private static SwitchRole slave(DatapathId dpid, long generation, Optional<String> master) {
    return new SwitchRole(dpid, Role.SLAVE, generation, master);
  }
}
