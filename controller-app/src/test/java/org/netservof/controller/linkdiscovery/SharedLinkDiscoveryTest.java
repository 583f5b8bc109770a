package org.netservof.controller.linkdiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netservof.controller.linkdiscovery.LinkDiscoveryManagerTest.link;
import static org.netservof.controller.linkdiscovery.LinkDiscoveryManagerTest.probeOutOf;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.testing.RecordingLinkListener;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Two cluster members over one shared store: member A masters s1, member B masters s2. A probe A sent out
 * of s1 arrives at s2, so B gets the PacketIn and hands the probe on; A verifies it exactly as its own
 * PacketIn, and both see the link. A receipt never makes a link A's own verification would refuse.
 */
class SharedLinkDiscoveryTest {
  private final FakeClock clock = new FakeClock();
  private final MemoryStoreService shared = new MemoryStoreService();
  private final FakeSwitch s1 = new FakeSwitch(1, OFVersion.OF_13, 4);
  private final FakeSwitch s2 = new FakeSwitch(2, OFVersion.OF_13, 4);
  private final LinkDiscoveryManager a = member("a", s1, 1);
  private final LinkDiscoveryManager b = member("b", s2, 2);
  private final RecordingLinkListener seenByA = new RecordingLinkListener();
  private final RecordingLinkListener seenByB = new RecordingLinkListener();
  private final IntentStore<String, ProbeReceipt> receipts = shared.open(LinkExchange.RECEIPTS, String.class,
      ProbeReceipt.class);

  @BeforeEach
  void probe() {
    a.addListener(seenByA);
    b.addListener(seenByB);
    a.probeAll();
    b.probeAll();
  }

  @Test
  void aLinkBetweenSwitchesOfTwoMembersAppearsInBothViews() {
    deliver(b, s2, 3, probeOutOf(s1, 1));
    deliver(a, s1, 1, probeOutOf(s2, 3));
    Link there = link(1, 1, 2, 3);
    Link back = link(2, 3, 1, 1);
    assertThat(a.links()).containsExactlyInAnyOrder(there, back);
    assertThat(b.links()).containsExactlyInAnyOrder(there, back);
    assertThat(a.rejectedProbes() + b.rejectedProbes()).isZero();
  }

  @Test
  void aMemberThatJoinsLaterSeesTheLinksAlreadyThere() {
    deliver(b, s2, 3, probeOutOf(s1, 1));
    LinkDiscoveryManager c = member("c", new FakeSwitch(3, OFVersion.OF_13, 2), 3);
    assertThat(c.links()).containsExactly(link(1, 1, 2, 3));
  }

  @Test
  void aSharedLinkEndsEverywhereWhenItsPortGoesDownOrItsLeaseRunsOut() {
    deliver(b, s2, 3, probeOutOf(s1, 1));
    deliver(a, s1, 2, probeOutOf(s2, 4));
    b.portChanged(s2, s2.port(OFPort.of(3)).orElseThrow(), PortChange.DOWN);
    assertThat(a.links()).containsExactly(link(2, 4, 1, 2));
    clock.advance(LinkDiscoveryConfig.DEFAULTS.linkTimeout().plusMillis(1));
    a.expire();
    assertThat(a.links()).isEmpty();
    assertThat(b.links()).isEmpty();
  }

  @Test
  void aReceiptWithAForgedSignatureMakesNoLink() {
    byte[] forged = new ProbeCodec(key(99)).encode(s1.id(), OFPort.of(1), MacAddress.of(1), 42);
    post(forged, SwitchPort.of(2, 3), false);
    assertThat(a.links()).isEmpty();
    assertThat(b.links()).isEmpty();
  }

  @Test
  void aReplayedReceiptMakesNoSecondLinkAndIsCounted() {
    byte[] probe = probeOutOf(s1, 1);
    deliver(b, s2, 3, probe);
    post(probe, SwitchPort.of(2, 4), false); // the same probe again, now claimed to arrive elsewhere
    assertThat(a.links()).containsExactly(link(1, 1, 2, 3));
    assertThat(a.probeCounts().replayed()).isEqualTo(1);
  }

  @Test
  void aReceiptWhoseProbeNamesAnotherPortThanItLeftByMakesNoLink() throws Exception {
    long idSentOutOfPort1 = new ProbeCodec(key(1)).decode(probeOutOf(s1, 1), 14).id();
    byte[] renamed = new ProbeCodec(key(1)).encode(s1.id(), OFPort.of(2), MacAddress.of(1), idSentOutOfPort1);
    post(renamed, SwitchPort.of(2, 3), false);
    assertThat(a.links()).isEmpty();
    assertThat(a.rejectedProbes()).isEqualTo(1);
  }

  @Test
  void aReceiptBackAfterTheRoundTripBoundMakesNoLink() {
    byte[] probe = probeOutOf(s1, 1);
    clock.advance(LinkDiscoveryConfig.DEFAULTS.maxRoundTrip().plusMillis(1));
    deliver(b, s2, 3, probe);
    assertThat(a.links()).isEmpty();
    assertThat(a.rejectedProbes()).isEqualTo(1);
  }

  @Test
  void aReceiptFromAPortWhereTheReceiverLearntHostsIsRefused() {
    b.setHostFacing(SwitchPort.of(2, 3), true); // a host on s2/3 relayed the probe
    deliver(b, s2, 3, probeOutOf(s1, 1));
    assertThat(a.links()).isEmpty();
    assertThat(seenByA.refusals).singleElement()
        .satisfies(r -> assertThat(r.hostPort()).isEqualTo(SwitchPort.of(2, 3)));
  }

  @Test
  void aReceiptThatClaimsTheProbeCameBackToItsOwnPortMakesNoLink() {
    post(probeOutOf(s1, 1), SwitchPort.of(1, 1), false);
    assertThat(a.links()).isEmpty();
    assertThat(a.rejectedProbes()).isEqualTo(1);
  }

  private LinkDiscoveryManager member(String id, FakeSwitch sw, int seed) {
    return TwoMembers.member(shared, clock, id, sw, seed);
  }

  /** What a rogue writer of the shared store could hand the sender. */
  private void post(byte[] frame, SwitchPort to, boolean facesHosts) {
    receipts.put("rogue/" + Arrays.hashCode(frame) + to, new ProbeReceipt(frame, 14, to.dpid().getLong(),
        to.port().getPortNumber(), facesHosts, "rogue"), Optional.of(clock.instant().plus(Duration.ofSeconds(1))));
  }

  private static void deliver(LinkDiscoveryManager member, FakeSwitch at, int port, byte[] frame) {
    member.receive(at, PacketIns.of(at.factory(), port, frame), PacketIns.context(port, frame));
  }

  private static byte[] key(int seed) {
    return TwoMembers.key(seed);
  }
}
