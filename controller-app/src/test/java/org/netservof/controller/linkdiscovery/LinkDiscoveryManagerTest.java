package org.netservof.controller.linkdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.fabric.LinkRefusal;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.testing.RecordingLinkListener;
import org.netservof.controller.util.EventSource;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;

/**
 * Discovery against the relay attack: a genuine probe is believed once, soon after it was sent, and only
 * where it can have come by cable.
 */
class LinkDiscoveryManagerTest {
  private final FakeClock clock = new FakeClock();
  private final FakeSwitch s1 = new FakeSwitch(1, OFVersion.OF_13, 4);
  private final FakeSwitch s2 = new FakeSwitch(2, OFVersion.OF_13, 4);
  private final FakeSwitchService switches = new FakeSwitchService().add(s1).add(s2);
  private final LinkDiscoveryManager manager = new LinkDiscoveryManager(switches, new NoServicePorts(),
      LinkDiscoveryConfig.DEFAULTS, clock, key(), new Random(42));
  private final RecordingLinkListener recorded = new RecordingLinkListener();
  private final List<LinkRefusal> refusals = recorded.refusals;

  @BeforeEach
  void probe() {
    manager.addListener(recorded);
    manager.probeAll();
  }

  @Test
  void aProbeThatCameByCableMakesALink() {
    deliver(s2, 3, probeOutOf(s1, 1));
    assertThat(manager.links()).containsExactly(link(1, 1, 2, 3));
    assertThat(manager.rejectedProbes()).isZero();
  }

  @Test
  void aProbeReplayedAtAnotherPortMakesNoLinkAndIsCounted() {
    byte[] probe = probeOutOf(s1, 1);
    deliver(s2, 3, probe);
    clock.advance(Duration.ofMillis(100));
    deliver(s2, 4, probe); // a host on s2/4 that recorded the probe on the way plays it back
    deliver(s2, 3, probe); // and the same probe again where it once was genuine
    assertThat(manager.links()).containsExactly(link(1, 1, 2, 3));
    assertThat(manager.rejectedProbes()).isEqualTo(2);
    assertThat(manager.probeCounts().replayed()).isEqualTo(2);
  }

  @Test
  void aProbeBackAfterTheRoundTripBoundMakesNoLink() {
    byte[] probe = probeOutOf(s1, 1);
    clock.advance(LinkDiscoveryConfig.DEFAULTS.maxRoundTrip().plusMillis(1)); // a relay that took its time
    deliver(s2, 3, probe);
    assertThat(manager.links()).isEmpty();
    assertThat(manager.rejectedProbes()).isEqualTo(1);
  }

  @Test
  void twoHostsThatSwapProbesMakeNoLinkAndEachDirectionIsReported() {
    // h1 lives on s1/1, h2 on s2/4: each plays the probe it received into its own port, at once.
    manager.setHostFacing(SwitchPort.of(1, 1), true);
    manager.setHostFacing(SwitchPort.of(2, 4), true);
    deliver(s2, 4, probeOutOf(s1, 1));
    deliver(s1, 1, probeOutOf(s2, 4));
    assertThat(manager.links()).isEmpty();
    assertThat(manager.probeCounts().refused()).isEqualTo(2);
    assertThat(refusals).extracting(LinkRefusal::link).containsExactly(link(1, 1, 2, 4), link(2, 4, 1, 1));
    assertThat(refusals).extracting(LinkRefusal::hostPort).containsExactly(SwitchPort.of(2, 4), SwitchPort.of(1, 1));
  }

  @Test
  void aProbeFromAHostPortToASwitchPortIsRefusedToo() {
    manager.setHostFacing(SwitchPort.of(1, 1), true); // the host on s1/1 relays into a quiet s2/3
    deliver(s2, 3, probeOutOf(s1, 1));
    assertThat(manager.links()).isEmpty();
    assertThat(refusals).singleElement().satisfies(r -> assertThat(r.hostPort()).isEqualTo(SwitchPort.of(1, 1)));
  }

  @Test
  void aPortThatWentDownIsNoLongerHostFacing() {
    manager.setHostFacing(SwitchPort.of(2, 3), true);
    manager.portChanged(s2, s2.port(org.projectfloodlight.openflow.types.OFPort.of(3)).orElseThrow(),
        PortChange.DOWN); // the host was unplugged and a switch plugged in
    manager.probeAll();
    deliver(s2, 3, probeOutOf(s1, 1));
    assertThat(manager.links()).containsExactly(link(1, 1, 2, 3));
    assertThat(refusals).isEmpty();
  }

  @Test
  void hostsThatLeftAPortFreeIt() {
    manager.setHostFacing(SwitchPort.of(2, 3), true);
    manager.setHostFacing(SwitchPort.of(2, 3), false);
    deliver(s2, 3, probeOutOf(s1, 1));
    assertThat(manager.links()).containsExactly(link(1, 1, 2, 3));
  }

  @Test
  void probeIdsAreForgottenOnceNoLinkCouldComeOfThem() {
    int perRound = 8; // two switches of four ports
    for (int i = 0; i < 10; i++) {
      clock.advance(LinkDiscoveryConfig.DEFAULTS.probeInterval());
      manager.probeAll();
    }
    long rounds = LinkDiscoveryConfig.DEFAULTS.linkTimeout().dividedBy(LinkDiscoveryConfig.DEFAULTS.probeInterval());
    assertThat(manager.pendingProbes()).isLessThanOrEqualTo((int) (rounds + 1) * perRound);
  }

  private void deliver(FakeSwitch at, int port, byte[] frame) {
    manager.receive(at, PacketIns.of(at.factory(), port, frame), PacketIns.context(port, frame));
  }

  /** The frame of the last probe the controller sent out of {@code port}. */
  static byte[] probeOutOf(FakeSwitch sw, int port) {
    return sw.written.stream().filter(m -> m instanceof OFPacketOut).map(m -> (OFPacketOut) m)
        .filter(p -> ((OFActionOutput) p.getActions().get(0)).getPort().getPortNumber() == port)
        .reduce((a, b) -> b).orElseThrow().getData();
  }

  static Link link(long fromDpid, int fromPort, long toDpid, int toPort) {
    return new Link(SwitchPort.of(fromDpid, fromPort), SwitchPort.of(toDpid, toPort));
  }

  private static byte[] key() {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) 7);
    return k;
  }

  /** A fabric with no service node. */
  static final class NoServicePorts extends EventSource<Runnable> implements ServicePortService {
    @Override
    public void reserve(SwitchPort port, String owner) {
      throw new UnsupportedOperationException("no nodes in this test");
    }

    @Override
    public void release(SwitchPort port, String owner) {}

    @Override
    public Set<SwitchPort> servicePorts() {
      return Set.of();
    }
  }
}
