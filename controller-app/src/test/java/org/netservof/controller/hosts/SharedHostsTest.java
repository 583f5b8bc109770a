package org.netservof.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netservof.controller.hosts.HostManagerTest.arpFrom;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.fabric.AddressConflict;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostEvent;
import org.netservof.controller.api.fabric.HostListener;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeTopologyService;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.topology.TopologyGraph;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Two cluster members over one shared store: member A masters s1, member B masters s2. Each learns the hosts
 * of its own switches and knows the other's; a host that moves between them is one host everywhere.
 */
class SharedHostsTest {
  private static final MacAddress H1 = MacAddress.of("0a:00:00:00:00:01");
  private static final IPv4Address H1_IP = IPv4Address.of("10.0.0.1");
  private static final Duration IDLE = HostsConfig.DEFAULTS.idleTimeout();
  private final FakeClock clock = new FakeClock();
  private final MemoryStoreService stores = new MemoryStoreService();
  private final FakeSwitch s1 = new FakeSwitch(1, OFVersion.OF_13, 4);
  private final FakeSwitch s2 = new FakeSwitch(2, OFVersion.OF_13, 4);
  private final HostManager a = member("a");
  private final HostManager b = member("b");
  private final List<HostEvent> seenByA = recorder(a);
  private final List<HostEvent> seenByB = recorder(b);

  @Test
  void aHostLearntByOneMemberIsKnownToTheOther() {
    receive(a, s1, 1, arpFrom(H1, H1_IP));
    assertThat(b.byMac(H1)).hasValueSatisfying(h -> assertThat(h.attachment()).isEqualTo(SwitchPort.of(1, 1)));
    assertThat(b.byIpv4(H1_IP)).extracting(Host::mac).containsExactly(H1);
    assertThat(b.hosts()).extracting(Host::mac).containsExactly(H1);
    assertThat(seenByB).extracting(HostEvent::type).containsExactly(HostEvent.Type.ADDED);
  }

  @Test
  void aHostThatMovesToTheOtherMembersSwitchIsOneHostEverywhere() {
    receive(a, s1, 1, arpFrom(H1, H1_IP));
    clock.advance(Duration.ofSeconds(5));
    receive(b, s2, 2, arpFrom(H1, H1_IP));
    for (HostManager member : List.of(a, b)) {
      assertThat(member.hosts()).singleElement().satisfies(h -> assertThat(h.attachment())
          .isEqualTo(SwitchPort.of(2, 2)));
      assertThat(member.byIpv4(H1_IP)).extracting(Host::mac).containsExactly(H1);
    }
    assertThat(seenByA).extracting(HostEvent::type).containsExactly(HostEvent.Type.ADDED, HostEvent.Type.MOVED);
    assertThat(seenByB).extracting(HostEvent::type).containsExactly(HostEvent.Type.ADDED, HostEvent.Type.MOVED);
  }

  @Test
  void aHostWhosePortWentDownIsForgottenByEveryMember() {
    receive(a, s1, 1, arpFrom(H1, H1_IP));
    a.portChanged(s1, s1.port(OFPort.of(1)).orElseThrow(), PortChange.DOWN);
    assertThat(b.hosts()).isEmpty();
    assertThat(seenByB).extracting(HostEvent::type).containsExactly(HostEvent.Type.ADDED, HostEvent.Type.REMOVED);
  }

  @Test
  void aHostOfAMemberThatStoppedIsForgottenWhenItsLeaseRunsOut() {
    receive(a, s1, 1, arpFrom(H1, H1_IP));
    a.close(); // member A is gone: nobody withdraws or renews its hosts
    clock.advance(IDLE.plusSeconds(1));
    b.expire();
    assertThat(b.byMac(H1)).isEmpty();
  }

  @Test
  void aHostStillTalkingHasItsLeaseRenewed() {
    receive(a, s1, 1, arpFrom(H1, H1_IP));
    clock.advance(IDLE.multipliedBy(3).dividedBy(4));
    receive(a, s1, 1, arpFrom(H1, H1_IP));
    a.expire(); // the refresh: seen since half its lease went by
    clock.advance(IDLE.dividedBy(2));
    b.expire();
    assertThat(b.byMac(H1)).isPresent();
  }

  private HostManager member(String id) {
    return new HostManager(edges(), (port, faces) -> { }, HostsConfig.DEFAULTS, clock,
        SharedHosts.shared(stores, id, Runnable::run));
  }

  /** Both switches, every port an edge port. */
  private static FakeTopologyService edges() {
    return new FakeTopologyService(new TopologyGraph(Instant.EPOCH, Map.of(
        DatapathId.of(1), Set.of(SwitchPort.of(1, 1), SwitchPort.of(1, 2)),
        DatapathId.of(2), Set.of(SwitchPort.of(2, 1), SwitchPort.of(2, 2))), Set.of(), Set.of(), Set.of(), Map.of(),
        16));
  }

  private static List<HostEvent> recorder(HostManager member) {
    List<HostEvent> events = new CopyOnWriteArrayList<>();
    member.addListener(new HostListener() {
      @Override
      public void hostChanged(HostEvent event) {
        events.add(event);
      }

      @Override
      public void addressConflict(AddressConflict conflict) {}
    });
    return events;
  }

  private static void receive(HostManager member, FakeSwitch sw, int port, byte[] frame) {
    member.receive(sw, PacketIns.of(sw.factory(), port, frame), PacketIns.context(port, frame));
  }
}
