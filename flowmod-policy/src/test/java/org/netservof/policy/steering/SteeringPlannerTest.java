package org.netservof.policy.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.plan.Plan;
import org.netservof.policy.testing.FakeFlowTable;
import org.netservof.policy.testing.FakeFlowTable.Packet;
import org.netservof.policy.testing.FakeFlowTable.Trace;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IpProtocol;

/**
 * Steering plans in a fake fabric: three switches in a line (s1 - s2 - s3), host h1 on s1 port 1, host h2
 * on s3 port 1, cables on ports 2 (towards the next switch) and 3 (towards the previous one), nodes on
 * port 4 of a switch.
 */
class SteeringPlannerTest {
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));
  private static final SteeredService SERVICE = new SteeredService(7, SIP);
  private static final SwitchPort H1 = SwitchPort.of(1, 1);
  private static final SwitchPort H2 = SwitchPort.of(3, 1);

  private final FakeFlowTable fabric = line(OFVersion.OF_13);

  private static FakeFlowTable line(OFVersion version) {
    return new FakeFlowTable().addSwitch(1, version).addSwitch(2, version).addSwitch(3, version)
        .cable(1, 2, 2, 3).cable(2, 2, 3, 3).edge(1, 1).edge(3, 1);
  }

  private static SteeringNode node(String id, int index, long dpid) {
    return new SteeringNode(id, index, SwitchPort.of(dpid, 4), 1, 3000 + index);
  }

  private Plan plan(Placement placement, List<SteeringNode> nodes) {
    return SteeringPlanner.tunnels(fabric, nodes)
        .with(SteeringPlanner.classifiers(fabric, SERVICE, d -> placement, nodes, 6));
  }

  @Test
  void aMatchingPacketIsTaggedCarriedAndDeliveredUntaggedToTheNode() {
    SteeringNode n1 = node("n1", 1, 3);
    fabric.load(plan(Placement.GROUP, List.of(n1)));
    Trace t = fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060), H1);
    assertThat(t.deliveredTo()).contains(n1.attachment());
    assertThat(t.delivered().orElseThrow().vlan()).as("the mark is popped before the node").isEmpty();
    assertThat(t.steps()).extracting(FakeFlowTable.Step::dpid)
        .containsExactly(DatapathId.of(1), DatapathId.of(2), DatapathId.of(3));
    assertThat(t.detailAt(0)).isEqualTo(SteeringLayout.CLASSIFIER);
    assertThat(t.detailAt(1)).as("the transit switch matches the mark, it does not classify")
        .isEqualTo(SteeringLayout.TUNNEL);
    assertThat(t.detailAt(2)).isEqualTo(SteeringLayout.TUNNEL);
  }

  @Test
  void aNodeWithContainersGetsTheFrameStillCarryingItsContainersMark() {
    SteeringNode alice = new SteeringNode("n1", 1, SwitchPort.of(3, 4), 1, 3001, true);
    SteeringNode bob = new SteeringNode("n1", 1, SwitchPort.of(3, 4), 1, 3002, true);
    SteeredService forBob = new SteeredService(8, SIP.withDst("10.0.0.0/24"));
    fabric.load(SteeringPlanner.tunnels(fabric, List.of(alice, bob))
        .with(SteeringPlanner.classifiers(fabric, SERVICE, d -> Placement.GROUP, List.of(alice), 6))
        .with(SteeringPlanner.classifiers(fabric, forBob, d -> Placement.GROUP, List.of(bob), 6)));
    Trace toAlice = fabric.send(Packet.udp("10.0.0.1", "10.9.0.2", 40000, 5060), H1);
    assertThat(toAlice.deliveredTo()).contains(alice.attachment());
    assertThat(toAlice.delivered().orElseThrow().vlan()).hasValue(3001);
    Trace toBob = fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060), H1);
    assertThat(toBob.delivered().orElseThrow().vlan()).hasValue(3002);
    // On the node's own switch the frame is tagged too, though it crosses no link.
    FakeFlowTable local = line(OFVersion.OF_13);
    SteeringNode here = new SteeringNode("n9", 9, SwitchPort.of(1, 4), 1, 3009, true);
    local.load(SteeringPlanner.tunnels(local, List.of(here))
        .with(SteeringPlanner.classifiers(local, SERVICE, d -> Placement.GROUP, List.of(here), 6)));
    assertThat(local.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060), H1).delivered().orElseThrow().vlan())
        .hasValue(3009);
  }

  @Test
  void otherTrafficIsUntouched() {
    fabric.load(plan(Placement.GROUP, List.of(node("n1", 1, 2))));
    assertThat(fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5061), H1).missed()).isTrue();
    Packet udp = Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060);
    Packet tcp = new Packet(udp.ethSrc(), udp.ethDst(), udp.src(), udp.dst(), 6, 40000, 5060, OptionalInt.empty());
    assertThat(fabric.send(tcp, H1).missed()).as("tcp 5060").isTrue();
  }

  @Test
  void whatTheNodeSendsBackIsNeverSteeredAgain() {
    SteeringNode n1 = node("n1", 1, 2);
    fabric.load(plan(Placement.GROUP, List.of(n1)));
    Trace back = fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060), n1.attachment());
    assertThat(back.steps()).as("no steering entry matches at the node port").isEmpty();
    assertThat(back.missed()).isTrue();
    // Nor does it match on a switch it crosses: arriving on a link port, untagged.
    assertThat(fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060), SwitchPort.of(3, 3)).missed()).isTrue();
  }

  @Test
  void aNodeOnTheIngressSwitchNeedsNoMark() {
    SteeringNode local = node("local", 1, 1);
    fabric.load(plan(Placement.GROUP, List.of(local)));
    Trace t = fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060), H1);
    assertThat(t.deliveredTo()).contains(local.attachment());
    assertThat(t.steps()).hasSize(1);
  }

  @Test
  void trafficFromEitherEndIsSteered() {
    SteeringNode n1 = node("n1", 1, 2);
    fabric.load(plan(Placement.GROUP, List.of(n1)));
    assertThat(fabric.send(Packet.udp("10.0.0.2", "10.0.0.1", 40000, 5060), H2).deliveredTo())
        .contains(n1.attachment());
  }

  @Test
  void aSelectGroupSpreadsFlowsOverThePoolAndAPerFlowEntryWinsOverIt() {
    List<SteeringNode> pool = List.of(node("n1", 1, 1), node("n2", 2, 2), node("n3", 3, 3));
    fabric.load(plan(Placement.GROUP, pool));
    Map<SwitchPort, Integer> counts = new HashMap<>();
    for (int sport = 1000; sport < 1300; sport++) {
      counts.merge(fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", sport, 5060), H1).deliveredTo().orElseThrow(),
          1, Integer::sum);
    }
    assertThat(counts).hasSize(3);
    FiveTuple flow = new FiveTuple(org.projectfloodlight.openflow.types.IPv4Address.of("10.0.0.1"),
        org.projectfloodlight.openflow.types.IPv4Address.of("10.0.0.2"), IpProtocol.UDP, 1000, 5060);
    FlowEntry pinned = SteeringPlanner.perFlow(fabric, H1, flow, SERVICE, pool.get(2), 30).orElseThrow();
    fabric.add(pinned);
    Trace t = fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 1000, 5060), H1);
    assertThat(t.deliveredTo()).contains(pool.get(2).attachment());
    assertThat(t.detailAt(0)).isEqualTo(SteeringLayout.FLOW);
    assertThat(Cookie.decode(pinned.cookie())).isEqualTo(new Cookie(
        org.netservof.policy.layout.CookieOwner.STEERING, 7, 3, SteeringLayout.FLOW));
  }

  @Test
  void aSplitSpreadsFlowsAndALostNodeTakesOnlyItsOwnFlowsAway() {
    List<SteeringNode> pool = List.of(node("n1", 1, 1), node("n2", 2, 2), node("n3", 3, 3));
    fabric.load(plan(Placement.SPLIT, pool));
    Map<Integer, SwitchPort> before = new HashMap<>();
    Map<SwitchPort, Integer> counts = new HashMap<>();
    for (int sport = 1000; sport < 1300; sport++) {
      SwitchPort to = fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", sport, 5060), H1).deliveredTo().orElseThrow();
      before.put(sport, to);
      counts.merge(to, 1, Integer::sum);
    }
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(60, 140));

    fabric.load(plan(Placement.SPLIT, List.of(pool.get(0), pool.get(2))));
    for (int sport = 1000; sport < 1300; sport++) {
      SwitchPort to = fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", sport, 5060), H1).deliveredTo().orElseThrow();
      if (!before.get(sport).equals(pool.get(1).attachment())) {
        assertThat(to).as("flow from port %d kept its node", sport).isEqualTo(before.get(sport));
      } else {
        assertThat(to).isNotEqualTo(pool.get(1).attachment());
      }
    }
  }

  @Test
  void aTrapSendsMatchingPacketsToTheController() {
    fabric.load(plan(Placement.TRAP, List.of(node("n1", 1, 2))));
    Trace t = fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060), H1);
    assertThat(t.toController()).isTrue();
    assertThat(t.detailAt(0)).isEqualTo(SteeringLayout.TRAP);
  }

  @Test
  void noHealthyNodeMeansNoClassifierAndTrafficGoesDirect() {
    Plan plan = SteeringPlanner.classifiers(fabric, SERVICE, d -> Placement.GROUP, List.of(), 6);
    assertThat(plan.flows()).isEmpty();
    assertThat(plan.groups()).isEmpty();
  }

  @Test
  void everyFilterShapeGetsItsMatchesWithPrerequisitesAndItsPriority() {
    Map<Filter, Integer> entriesPerEdgePort = Map.of(
        SIP, 1,
        Filter.of(Protocol.TCP).withDstPorts(new PortRange(5060, 5070)), 4,
        Filter.of(Protocol.ICMP).withDst("10.0.0.0/24"), 1,
        Filter.of(Protocol.ANY).withSrc("10.0.0.0/8").withDst("10.0.0.2/32"), 1,
        Filter.of(Protocol.UDP).withDstPorts(PortRange.single(53)).withIngress(Set.of(H1)), 1);
    for (Map.Entry<Filter, Integer> e : entriesPerEdgePort.entrySet()) {
      SteeredService s = new SteeredService(9, e.getKey());
      Plan p = SteeringPlanner.classifiers(fabric, s, d -> Placement.TRAP, List.of(node("n1", 1, 2)), 6);
      int edgePorts = e.getKey().ingressPorts().isEmpty() ? 2 : 1;
      assertThat(p.flows()).as("%s", e.getKey()).hasSize(e.getValue() * edgePorts);
      for (FlowEntry entry : p.flows()) {
        assertThat(entry.priority()).isEqualTo(SteeringLayout.classifierPriority(s));
        assertThat(PriorityBand.STEERING.contains(entry.priority())).isTrue();
        assertThat(entry.match().get(MatchField.ETH_TYPE)).isEqualTo(EthType.IPv4);
        if (e.getKey().protocol() != Protocol.ANY) {
          assertThat(entry.match().get(MatchField.IP_PROTO)).isEqualTo(e.getKey().protocol().ipProtocol());
        }
        assertThat(fabric.edgePorts()).contains(new SwitchPort(entry.dpid(), entry.match().get(MatchField.IN_PORT)));
      }
    }
  }

  @Test
  void aNarrowServiceInsideAWideOneSeesItsOwnTraffic() {
    SteeringNode wideNode = node("wide", 1, 2);
    SteeringNode narrowNode = node("narrow", 2, 3);
    SteeredService wide = new SteeredService(1, Filter.of(Protocol.UDP));
    SteeredService narrow = new SteeredService(2, SIP.withDst("10.0.0.0/24"));
    fabric.load(SteeringPlanner.tunnels(fabric, List.of(wideNode, narrowNode))
        .with(SteeringPlanner.classifiers(fabric, wide, d -> Placement.GROUP, List.of(wideNode), 6))
        .with(SteeringPlanner.classifiers(fabric, narrow, d -> Placement.GROUP, List.of(narrowNode), 6)));
    assertThat(fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 4000, 5060), H1).deliveredTo())
        .contains(narrowNode.attachment());
    assertThat(fabric.send(Packet.udp("10.0.0.1", "10.9.0.2", 4000, 5060), H1).deliveredTo())
        .contains(wideNode.attachment());
    assertThat(fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 4000, 53), H1).deliveredTo())
        .contains(wideNode.attachment());
  }

  @Test
  void openFlow10SwitchesGetVlanActionsOfTheirVersionAndExactPorts() {
    FakeFlowTable old = line(OFVersion.OF_10);
    SteeringNode n1 = node("n1", 1, 3);
    Plan p = SteeringPlanner.tunnels(old, List.of(n1))
        .with(SteeringPlanner.classifiers(old, SERVICE, d -> Placement.TRAP, List.of(n1), 6));
    old.load(p);
    FiveTuple flow = new FiveTuple(org.projectfloodlight.openflow.types.IPv4Address.of("10.0.0.1"),
        org.projectfloodlight.openflow.types.IPv4Address.of("10.0.0.2"), IpProtocol.UDP, 1000, 5060);
    old.add(SteeringPlanner.perFlow(old, H1, flow, SERVICE, n1, 30).orElseThrow());
    Trace t = old.send(Packet.udp("10.0.0.1", "10.0.0.2", 1000, 5060), H1);
    assertThat(t.deliveredTo()).contains(n1.attachment());
    assertThat(t.delivered().orElseThrow().vlan()).isEmpty();
    assertThat(SteeringPlanner.classifiers(old, new SteeredService(3,
        Filter.of(Protocol.TCP).withDstPorts(new PortRange(5060, 5070))), d -> Placement.TRAP, List.of(n1), 6).flows())
        .as("11 ports, one entry each, on 2 edge ports").hasSize(22);
    assertThatThrownBy(() -> SteeringPlanner.classifiers(old, new SteeredService(4,
        Filter.of(Protocol.TCP).withDstPorts(new PortRange(1000, 2000))), d -> Placement.TRAP, List.of(n1), 6))
        .hasMessageContaining("OpenFlow 1.0");
  }

  @Test
  void tunnelsNeverSendAFrameBackWhereItCameFrom() {
    SteeringNode n1 = node("n1", 1, 3);
    Plan tunnels = SteeringPlanner.tunnels(fabric, List.of(n1));
    // s2 has link ports 2 (to s3) and 3 (to s1); frames for n1 leave by 2, so only port 3 gets an entry.
    assertThat(tunnels.flows().stream().filter(e -> e.dpid().equals(DatapathId.of(2))))
        .singleElement().satisfies(e -> assertThat(e.match().get(MatchField.IN_PORT).getPortNumber()).isEqualTo(3));
  }
}
