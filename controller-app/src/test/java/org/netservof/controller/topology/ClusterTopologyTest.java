package org.netservof.controller.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.fabric.LinkInfo;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.ProbeCounts;
import org.netservof.controller.core.ServicePortRegistry;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.controller.util.EventSource;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A member of a cluster masters s1 only; s2 is another member's, known here by the links both share. The
 * member's topology has s2 and the links, and paths across; alone, a link to a switch not connected here
 * makes no node, as before.
 */
class ClusterTopologyTest {
  private static final Link THERE = new Link(SwitchPort.of(1, 1), SwitchPort.of(2, 3));
  private static final Link BACK = new Link(SwitchPort.of(2, 3), SwitchPort.of(1, 1));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final FakeSwitchService mastered = new FakeSwitchService().add(new FakeSwitch(1, OFVersion.OF_13, 4));

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
    return new TopologyManager(mastered, new SharedLinks(), new ServicePortRegistry(), TopologyConfig.DEFAULTS,
        new FakeClock(), timer, clustered);
  }

  /** The links every member merged from the shared store. */
  private static final class SharedLinks extends EventSource<org.netservof.controller.api.fabric.LinkListener>
      implements LinkService {
    @Override
    public Set<Link> links() {
      return Set.of(THERE, BACK);
    }

    @Override
    public Map<Link, LinkInfo> linkInfo() {
      return Map.of();
    }

    @Override
    public boolean isLinkPort(SwitchPort port) {
      return THERE.touches(port);
    }

    @Override
    public long rejectedProbes() {
      return 0;
    }

    @Override
    public ProbeCounts probeCounts() {
      return new ProbeCounts(0, 0, 0, 0);
    }
  }
}
