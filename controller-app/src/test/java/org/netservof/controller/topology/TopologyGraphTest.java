package org.netservof.controller.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.netservof.policy.fabric.Hop;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

class TopologyGraphTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  /** Switches 1..n; port 1 of each has a host; ports 2 and 3 join it to its neighbours. */
  private static final class Fabric {
    final Map<DatapathId, Set<SwitchPort>> ports = new HashMap<>();
    final Set<Link> links = new HashSet<>();
    final Set<SwitchPort> quarantined = new HashSet<>();
    final Map<SwitchPort, Long> weights = new HashMap<>();
    final Set<SwitchPort> service = new HashSet<>();

    Fabric switches(int n, int portsEach) {
      for (int s = 1; s <= n; s++) {
        Set<SwitchPort> p = new HashSet<>();
        for (int i = 1; i <= portsEach; i++) {
          p.add(SwitchPort.of(s, i));
        }
        ports.put(DatapathId.of(s), p);
      }
      return this;
    }

    Fabric cable(int a, int pa, int b, int pb) {
      Link l = new Link(SwitchPort.of(a, pa), SwitchPort.of(b, pb));
      links.add(l);
      links.add(l.reverse());
      return this;
    }

    TopologyGraph build() {
      return new TopologyGraph(NOW, ports, links, quarantined, service, weights, 16);
    }
  }

  /** 1 - 2 - 3 - 4 - back to 1; host port 1 on each. */
  private static Fabric ring() {
    return new Fabric().switches(4, 3).cable(1, 2, 2, 3).cable(2, 2, 3, 3).cable(3, 2, 4, 3).cable(4, 2, 1, 3);
  }

  @Test
  void aLinearPathHasEveryHopWithItsPorts() {
    TopologyGraph t = new Fabric().switches(3, 3).cable(1, 2, 2, 3).cable(2, 2, 3, 3).build();
    Path p = t.route(SwitchPort.of(1, 1), SwitchPort.of(3, 1), 0).orElseThrow();
    assertThat(p.hops()).containsExactly(hop(1, 1, 2), hop(2, 3, 2), hop(3, 3, 1));
    assertThat(p.cost()).isEqualTo(2);
    assertThat(p.links()).containsExactly(new Link(SwitchPort.of(1, 2), SwitchPort.of(2, 3)),
        new Link(SwitchPort.of(2, 2), SwitchPort.of(3, 3)));
  }

  @Test
  void aRouteInsideOneSwitchIsOneHop() {
    TopologyGraph t = ring().build();
    assertThat(t.route(SwitchPort.of(2, 1), SwitchPort.of(2, 1), 7).orElseThrow().hops())
        .containsExactly(hop(2, 1, 1));
  }

  @Test
  void oppositeCornersOfTheRingHaveTwoEqualPathsAndFlowsSpreadOverBoth() {
    TopologyGraph t = ring().build();
    List<Path> paths = t.paths(DatapathId.of(1), DatapathId.of(3));
    assertThat(paths).hasSize(2);
    assertThat(paths).allSatisfy(p -> assertThat(p.cost()).isEqualTo(2));
    Set<DatapathId> middles = paths.stream().map(p -> p.hops().get(1).dpid()).collect(Collectors.toSet());
    assertThat(middles).containsExactlyInAnyOrder(DatapathId.of(2), DatapathId.of(4));

    Map<DatapathId, Long> chosen = LongStream.range(0, 1000).mapToObj(h ->
        t.route(SwitchPort.of(1, 1), SwitchPort.of(3, 1), h).orElseThrow().hops().get(1).dpid())
        .collect(Collectors.groupingBy(d -> d, Collectors.counting()));
    assertThat(chosen.get(DatapathId.of(2))).isEqualTo(500);
    assertThat(chosen.get(DatapathId.of(4))).isEqualTo(500);
    // The same flow always takes the same path.
    assertThat(t.route(SwitchPort.of(1, 1), SwitchPort.of(3, 1), 12345))
        .isEqualTo(t.route(SwitchPort.of(1, 1), SwitchPort.of(3, 1), 12345));
    // Neighbours have one cheapest path.
    assertThat(t.paths(DatapathId.of(1), DatapathId.of(2))).hasSize(1);
  }

  @Test
  void linkWeightsSteerPaths() {
    Fabric f = ring();
    f.weights.put(SwitchPort.of(1, 2), 10L); // 1 -> 2 is expensive
    TopologyGraph t = f.build();
    Path p = t.route(SwitchPort.of(1, 1), SwitchPort.of(2, 1), 0).orElseThrow();
    assertThat(p.hops()).extracting(Hop::dpid).containsExactly(DatapathId.of(1), DatapathId.of(4),
        DatapathId.of(3), DatapathId.of(2));
    assertThat(p.cost()).isEqualTo(3);
  }

  @Test
  void theSpanningTreeOfTheRingBlocksExactlyOneCable() {
    TopologyGraph t = ring().build();
    assertThat(t.treeLinks()).hasSize(6); // three cables, both directions
    assertThat(t.blockedPorts()).hasSize(2); // the two ends of the fourth cable
    // The tree is breadth-first from the lowest DPID, lowest links first: 1-2 and 1-4, then 2-3.
    assertThat(t.blockedPorts()).containsExactlyInAnyOrder(SwitchPort.of(3, 2), SwitchPort.of(4, 3));
    assertThat(t.broadcastPorts(DatapathId.of(3))).containsExactlyInAnyOrder(SwitchPort.of(3, 1),
        SwitchPort.of(3, 3));
    assertThat(t.isBroadcastPort(SwitchPort.of(4, 3))).isFalse();
    // Every switch is reachable over the tree.
    assertThat(t.treeLinks().stream().map(l -> l.dst().dpid()).collect(Collectors.toSet())).hasSize(4);
  }

  @Test
  void edgePortsExcludeLinkPortsAndQuarantinedPorts() {
    Fabric f = ring();
    f.quarantined.add(SwitchPort.of(2, 1));
    TopologyGraph t = f.build();
    assertThat(t.edgePorts()).containsExactlyInAnyOrder(SwitchPort.of(1, 1), SwitchPort.of(3, 1),
        SwitchPort.of(4, 1));
    assertThat(t.isEdgePort(SwitchPort.of(1, 2))).isFalse();
    assertThat(t.isLinkPort(SwitchPort.of(1, 2))).isTrue();
    assertThat(t.isBroadcastPort(SwitchPort.of(2, 1))).isFalse();
  }

  @Test
  void servicePortsAreNeitherEdgeNorBroadcastPorts() {
    Fabric f = ring();
    f.service.add(SwitchPort.of(2, 1));
    TopologyGraph t = f.build();
    assertThat(t.isServicePort(SwitchPort.of(2, 1))).isTrue();
    assertThat(t.isEdgePort(SwitchPort.of(2, 1))).isFalse();
    assertThat(t.broadcastPorts(DatapathId.of(2))).doesNotContain(SwitchPort.of(2, 1));
    // A route may still start or end there: that is how frames reach a node and come back from it.
    assertThat(t.route(SwitchPort.of(2, 1), SwitchPort.of(3, 1), 0)).isPresent();
  }

  @Test
  void aOneWayLinkCarriesPathsButNotBroadcast() {
    Fabric f = new Fabric().switches(2, 2);
    f.links.add(new Link(SwitchPort.of(1, 2), SwitchPort.of(2, 2)));
    TopologyGraph t = f.build();
    assertThat(t.route(SwitchPort.of(1, 1), SwitchPort.of(2, 1), 0)).isPresent();
    assertThat(t.route(SwitchPort.of(2, 1), SwitchPort.of(1, 1), 0)).isEmpty();
    assertThat(t.treeLinks()).isEmpty();
    assertThat(t.islands()).hasSize(1);
  }

  @Test
  void disconnectedPartsAreSeparateIslandsWithNoPathBetween() {
    TopologyGraph t = new Fabric().switches(4, 3).cable(1, 2, 2, 3).cable(3, 2, 4, 3).build();
    assertThat(t.islands()).containsExactly(Set.of(DatapathId.of(1), DatapathId.of(2)),
        Set.of(DatapathId.of(3), DatapathId.of(4)));
    assertThat(t.route(SwitchPort.of(1, 1), SwitchPort.of(4, 1), 0)).isEmpty();
    assertThat(t.paths(DatapathId.of(1), DatapathId.of(4))).isEmpty();
  }

  @Test
  void linksToUnknownSwitchesAreIgnored() {
    Fabric f = new Fabric().switches(1, 2).cable(1, 2, 9, 1);
    TopologyGraph t = f.build();
    assertThat(t.links()).isEmpty();
    assertThat(t.isEdgePort(SwitchPort.of(1, 2))).isTrue();
  }

  @Test
  void aTreeOfDepthTwoHasNoBlockedPorts() {
    TopologyGraph t = new Fabric().switches(3, 4).cable(1, 1, 2, 3).cable(1, 2, 3, 3).build();
    assertThat(t.blockedPorts()).isEmpty();
    assertThat(t.route(SwitchPort.of(2, 1), SwitchPort.of(3, 1), 0).orElseThrow().hops()).extracting(Hop::dpid)
        .containsExactly(DatapathId.of(2), DatapathId.of(1), DatapathId.of(3));
  }

  private static Hop hop(long dpid, int in, int out) {
    return new Hop(DatapathId.of(dpid), OFPort.of(in), OFPort.of(out));
  }
}
