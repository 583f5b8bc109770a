package org.netservof.controller.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.core.ServicePortRegistry;
import org.netservof.controller.linkdiscovery.TwoMembers;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A member of a cluster masters s1 only; s2 is another member's, known here by the links both share (found
 * by the two members' link discovery over one store). The
 * member's topology has s2 and the links, and paths across; alone, a link to a switch not connected here
 * makes no node, as before.
 */
class ClusterTopologyTest {
  private static final Link THERE = new Link(SwitchPort.of(1, 1), SwitchPort.of(2, 3));
  private static final Link BACK = new Link(SwitchPort.of(2, 3), SwitchPort.of(1, 1));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final FakeSwitch s1 = new FakeSwitch(1, OFVersion.OF_13, 4);
  private final FakeSwitchService mastered = new FakeSwitchService().add(s1);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void theSwitchesOtherMembersMasterAreInTheTopologyThroughTheSharedLinks() {
    TopologyManager member = manager(true);
    member.recompute();
    assertThat(member.current().switches()).containsExactlyInAnyOrder(DatapathId.of(1), DatapathId.of(2));
    assertThat(member.current().links()).containsExactlyInAnyOrder(THERE, BACK);
    assertThat(member.current().paths(DatapathId.of(1), DatapathId.of(2))).isNotEmpty();
    assertThat(member.current().isLinkPort(SwitchPort.of(1, 1))).isTrue();
    assertThat(member.current().edgePorts()).noneMatch(p -> p.dpid().equals(DatapathId.of(2)));
  }

  @Test
  void aloneALinkToASwitchNotConnectedHereMakesNoNode() {
    TopologyManager alone = manager(false);
    alone.recompute();
    assertThat(alone.current().switches()).containsExactly(DatapathId.of(1));
    assertThat(alone.current().links()).isEmpty();
  }

  private TopologyManager manager(boolean clustered) {
    FakeClock clock = new FakeClock();
    LinkService sharedLinks = TwoMembers.linkedAcross(clock, s1, 1, new FakeSwitch(2, OFVersion.OF_13, 4), 3);
    return new TopologyManager(mastered, sharedLinks, new ServicePortRegistry(), TopologyConfig.DEFAULTS, clock,
        timer, clustered);
  }
}
