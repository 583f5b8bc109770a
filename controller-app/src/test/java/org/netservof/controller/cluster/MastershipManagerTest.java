package org.netservof.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.api.cluster.SwitchRole.Role;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Who writes to a switch, with elections in memory and a switch that keeps roles as Open vSwitch does: the
 * first candidate masters it with its election's generation, the other is its slave at the same generation;
 * a member that loses its lease stops writing before anything else; a deposed master that still believes it
 * masters is refused by the switch (IS_SLAVE, STALE) and steps down; a disconnected switch's candidacy goes.
 */
class MastershipManagerTest {
  private final FakeElectionServer etcd = new FakeElectionServer();
  private final FakeRoleSwitch sw = new FakeRoleSwitch(0x1, OFVersion.OF_13);

  /** One cluster member: its mastership, its connection to the switch, and every role it decided. */
  private final class Member {
    final String name;
    final MastershipManager mastership;
    final FakeConnection connection;
    final List<SwitchRole> decided = new ArrayList<>();

    Member(String name) {
      this.name = name;
      this.mastership = new MastershipManager(() -> name, Optional.of(etcd.member(name)));
      this.connection = sw.connect(name);
      connection.onIsSlave = () -> mastership.refusedAsSlave(sw.dpid, "IS_SLAVE");
      etcd.grant(name);
      mastership.leaseGranted();
    }

    void connect() {
      mastership.connected(connection.sw, Optional.empty(), decided::add);
    }

    SwitchRole role() {
      return mastership.role(sw.dpid).orElseThrow();
    }

    /** What the application does: writes when, and only when, this member writes to the switch. */
    void writeFlow() {
      if (role().writes()) {
        connection.write(sw.factory.buildFlowAdd().build());
      }
    }
  }

  /** A member connected to the switch, after those made before it. */
  private Member connected(String name) {
    Member m = new Member(name);
    m.connect();
    return m;
  }

  @Test
  void aloneEverySwitchIsWrittenInTheRoleItsHandshakeAskedWithNoRoleRequest() {
    MastershipManager alone = new MastershipManager(() -> "solo", Optional.empty());
    FakeConnection c = sw.connect("solo");
    List<SwitchRole> decided = new ArrayList<>();
    alone.connected(c.sw, Optional.of(OFControllerRole.ROLE_EQUAL), decided::add);
    assertThat(decided).extracting(SwitchRole::role).containsExactly(Role.EQUAL);
    assertThat(alone.elects(OFVersion.OF_13)).isFalse();
    assertThat(c.roleRequests).isZero();
    alone.connected(c.sw, Optional.of(OFControllerRole.ROLE_MASTER), decided::add);
    assertThat(alone.role(sw.dpid).orElseThrow().role()).isEqualTo(Role.MASTER);
  }

  @Test
  void theFirstCandidateMastersTheSwitchAndTheOtherIsItsSlaveAtTheLeadersGeneration() {
    Member a = connected("a");
    Member b = connected("b");
    long generation = etcd.generation(sw.dpid);
    assertThat(a.role()).isEqualTo(new SwitchRole(sw.dpid, Role.MASTER, generation, Optional.of("a")));
    assertThat(b.role()).isEqualTo(new SwitchRole(sw.dpid, Role.SLAVE, generation, Optional.of("a")));
    assertThat(sw.master()).isEqualTo("a");
    assertThat(b.connection.role).as("the switch took b's SLAVE: not stale").isEqualTo(OFControllerRole.ROLE_SLAVE);
    a.writeFlow();
    b.writeFlow();
    assertThat(sw.applied).containsExactly("a: FLOW_MOD");
  }

  @Test
  void aMemberThatLosesItsLeaseStopsWritingAtOnceAndTheOtherTakesOverWithAHigherGeneration() {
    Member a = connected("a");
    Member b = connected("b");
    long first = a.role().generationId();
    a.mastership.leaseLost(); // its keep-alives went unanswered for a TTL: etcd may have expired it already
    assertThat(a.role().writes()).isFalse();
    assertThat(a.decided.get(a.decided.size() - 1).role()).isEqualTo(Role.SLAVE);
    etcd.expire("a");
    assertThat(b.role().role()).isEqualTo(Role.MASTER);
    assertThat(b.role().generationId()).isGreaterThan(first);
    assertThat(sw.master()).isEqualTo("b");
    etcd.grant("a");
    a.mastership.leaseGranted();
    assertThat(a.role()).isEqualTo(new SwitchRole(sw.dpid, Role.SLAVE, b.role().generationId(), Optional.of("b")));
  }

  @Test
  void aDeposedMasterThatStillBelievesItMastersIsRefusedByTheSwitchAndStepsDown() {
    Member a = connected("a");
    Member b = connected("b");
    etcd.cutOff("a"); // stopped, or partitioned from etcd: it hears nothing, its lease runs out
    etcd.expire("a");
    assertThat(b.role().role()).isEqualTo(Role.MASTER);
    assertThat(a.role().role()).as("a has not noticed").isEqualTo(Role.MASTER);

    a.writeFlow(); // the switch refuses it: IS_SLAVE
    assertThat(a.role().writes()).isFalse();
    assertThat(sw.applied).isEmpty();

    etcd.deliverLate("a", sw.dpid); // it acts on its old lead: MASTER at the old generation
    assertThat(a.role().writes()).as("refused as STALE: still a slave").isFalse();
    assertThat(sw.master()).isEqualTo("b");
    a.writeFlow();
    assertThat(sw.applied).isEmpty();
  }

  @Test
  void aMasterRoleRefusedAsStaleIsNeverWritten() {
    FakeConnection other = sw.connect("outsider");
    other.request(RoleRequests.request(sw.factory, Role.MASTER, 1_000_000)); // a generation above the cluster's
    Member a = new Member("a");
    a.connect();
    assertThat(a.decided).noneMatch(SwitchRole::writes);
    assertThat(a.role().role()).isEqualTo(Role.SLAVE);
  }

  @Test
  void aDisconnectedSwitchWithdrawsTheCandidacySoTheOtherMemberTakesOver() {
    Member a = connected("a");
    Member b = connected("b");
    a.mastership.disconnected(a.connection.sw);
    assertThat(a.mastership.role(sw.dpid)).isEmpty();
    assertThat(b.role().role()).isEqualTo(Role.MASTER);
  }

  @Test
  void anOpenFlow10SwitchHasNoElectionAndEveryMemberWritesIt() {
    FakeRoleSwitch old = new FakeRoleSwitch(0x10, OFVersion.OF_10);
    MastershipManager a = new MastershipManager(() -> "a", Optional.of(etcd.member("a")));
    etcd.grant("a");
    a.leaseGranted();
    FakeConnection c = old.connect("a");
    a.connected(c.sw, Optional.empty(), role -> {});
    assertThat(a.elects(OFVersion.OF_10)).isFalse();
    assertThat(a.role(old.dpid).orElseThrow().role()).isEqualTo(Role.EQUAL);
    assertThat(c.roleRequests).isZero();
  }
}
