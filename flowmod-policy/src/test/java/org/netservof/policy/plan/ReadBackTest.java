package org.netservof.policy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.steering.Placement;
import org.netservof.policy.steering.SteeredService;
import org.netservof.policy.steering.SteeringNode;
import org.netservof.policy.steering.SteeringPlanner;
import org.netservof.policy.testing.FakeFlowTable;
import org.netservof.policy.testing.FakeFlowTable.Packet;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * Steering's plan read back from switches (a FakeFlowTable line of three switches, nodes on the far one): the
 * parser turns flow statistics and group descriptions into the planned values, and the audit's diff against
 * them writes only what a switch lacks or has otherwise, and deletes only what intent does not want.
 */
class ReadBackTest {
  private static final OFFactory F = OFFactories.getFactory(OFVersion.OF_13);
  private static final DatapathId S1 = DatapathId.of(1);
  private static final SteeredService SIP = new SteeredService(7,
      Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060)));
  private static final SwitchPort H1 = SwitchPort.of(1, 1);
  private static final U64 STEERING = Cookie.of(CookieOwner.STEERING).value();

  private final FakeFlowTable fabric = new FakeFlowTable().addSwitch(1, OFVersion.OF_13).addSwitch(2, OFVersion.OF_13)
      .addSwitch(3, OFVersion.OF_13).cable(1, 2, 2, 3).cable(2, 2, 3, 3).edge(1, 1).edge(3, 1);
  private final List<SteeringNode> nodes = List.of(new SteeringNode("n1", 1, SwitchPort.of(3, 4), 1, 3001),
      new SteeringNode("n2", 2, SwitchPort.of(3, 5), 1, 3002));
  private final Plan desired = ReadBack.canonical(SteeringPlanner.tunnels(fabric, nodes)
      .with(SteeringPlanner.classifiers(fabric, SIP, d -> Placement.GROUP, nodes, 6)));

  /** What an audit reads from every switch of the fabric: steering's entries and groups, parsed. */
  private Plan readBack() {
    Plan.Builder b = Plan.builder();
    for (DatapathId dpid : fabric.switches()) {
      fabric.flowStats(dpid, STEERING, Cookie.ownerMask()).getEntries()
          .forEach(s -> b.add(ReadBack.flow(dpid, s).orElseThrow()));
      fabric.groupStats(dpid).getEntries().forEach(g -> b.add(ReadBack.group(dpid, g)));
    }
    return b.build();
  }

  /** The installed plan an audit builds from what it read, switch by switch. */
  private Plan audited() {
    Plan actual = readBack();
    Plan.Builder b = Plan.builder();
    fabric.switches().forEach(d -> b.addAll(ReadBack.installed(desired.on(d), actual.on(d))));
    return b.build();
  }

  private void push(PlanDiff diff) {
    diff.make(d -> F).forEach(fabric::write);
    diff.breakOld(d -> F).forEach(fabric::write);
  }

  @Test
  void entriesAndGroupsReadBackAsTheyWereWrittenAreThePlannedValues() {
    push(PlanDiff.between(Plan.empty(), desired));

    assertThat(readBack()).isEqualTo(desired);
    assertThat(PlanDiff.between(audited(), desired).isEmpty())
        .as("a controller that starts with nothing installed finds the switches right and writes nothing").isTrue();
  }

  @Test
  void theAuditWritesWhatASwitchLacksOrHasOtherwiseAndDeletesOnlyWhatIntentDoesNotWant() {
    push(PlanDiff.between(Plan.empty(), desired));
    FlowEntry lost = fabric.entries(S1).stream().filter(e -> e.priority() > 0).findFirst().orElseThrow();
    fabric.remove(lost.key());
    FlowEntry stray = new FlowEntry(S1, 20_000, udpTo(9999), List.of(), new Cookie(CookieOwner.STEERING, 77, 0, 2)
        .value());
    fabric.add(stray);
    FlowEntry other = fabric.entries(DatapathId.of(2)).get(0);
    FlowEntry changed = new FlowEntry(other.dpid(), other.priority(), other.match(),
        List.of(F.actions().output(OFPort.of(9), 0)), other.cookie());
    fabric.add(changed);

    PlanDiff diff = PlanDiff.between(audited(), desired);

    assertThat(diff.flowsToWrite()).extracting(FlowEntry::key).containsExactlyInAnyOrder(lost.key(), changed.key());
    assertThat(diff.flowsToDelete()).extracting(FlowEntry::key).containsExactly(stray.key());
    assertThat(diff.groupsToWrite()).isEmpty();
    assertThat(diff.groupsToModify()).isEmpty();
    assertThat(diff.groupsToDelete()).isEmpty();
    push(diff);
    assertThat(fabric.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060), H1).deliveredTo()).get()
        .isIn(SwitchPort.of(3, 4), SwitchPort.of(3, 5));
    assertThat(PlanDiff.between(audited(), desired).isEmpty()).as("repaired: the next audit finds nothing").isTrue();
  }

  @Test
  void aGroupWithOtherBucketsIsModifiedInPlaceAndAStrayGroupDeleted() {
    push(PlanDiff.between(Plan.empty(), desired));
    GroupEntry planned = fabric.groups(S1).get(0);
    fabric.write(S1, List.of(new GroupEntry(S1, planned.group(), planned.type(), planned.buckets().subList(0, 1))
        .toModify(F), new GroupEntry(S1, OFGroup.of(0x1000_0063), OFGroupType.SELECT, List.of()).toAdd(F)));

    PlanDiff diff = PlanDiff.between(audited(), desired);

    assertThat(diff.groupsToModify()).containsExactly(planned);
    assertThat(diff.groupsToDelete()).extracting(GroupEntry::group).containsExactly(OFGroup.of(0x1000_0063));
    assertThat(diff.flowsToWrite()).isEmpty();
    assertThat(diff.flowsToDelete()).isEmpty();
  }

  @Test
  void whatSwitchesReportOtherwiseThanItWasSentComparesEqual() {
    Match sent = F.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
        .setMasked(MatchField.IPV4_DST, IPv4Address.of("10.0.0.2"), IPv4Address.NO_MASK)
        .setMasked(MatchField.IPV4_SRC, IPv4Address.of("0.0.0.0"), IPv4Address.FULL_MASK).build();
    FlowEntry planned = new FlowEntry(S1, 100, sent, List.of(F.actions().output(OFPort.of(2), 0xffff)),
        U64.of(0x10L << 56));
    OFFlowStatsEntry reported = F.buildFlowStatsEntry().setTableId(TableId.of(0)).setPriority(100)
        .setMatch(F.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
            .setExact(MatchField.IPV4_DST, IPv4Address.of("10.0.0.2")).build())
        .setCookie(planned.cookie()).setFlags(Set.of(OFFlowModFlags.CHECK_OVERLAP))
        .setInstructions(List.of(F.instructions().applyActions(List.of(F.actions().output(OFPort.of(2), 0)))))
        .build();

    assertThat(ReadBack.flow(S1, reported)).contains(ReadBack.canonical(planned));
    assertThat(ReadBack.canonical(planned).match().isFullyWildcarded(MatchField.IPV4_SRC))
        .as("a mask of all zeros matches anything: no field").isTrue();
  }

  @Test
  void entriesSteeringNeverWritesAreNotPlanValues() {
    OFFlowStatsEntry gotoTable = F.buildFlowStatsEntry().setTableId(TableId.of(0)).setPriority(100)
        .setMatch(udpTo(5060)).setCookie(STEERING).setInstructions(List.of(F.instructions().gotoTable(TableId.of(1))))
        .build();
    OFFlowStatsEntry otherTable = gotoTable.createBuilder().setTableId(TableId.of(3)).setInstructions(List.of())
        .build();

    assertThat(ReadBack.flow(S1, gotoTable)).isEmpty();
    assertThat(ReadBack.flow(S1, otherTable)).isEmpty();
  }

  private static Match udpTo(int port) {
    return F.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4).setExact(MatchField.IP_PROTO, IpProtocol.UDP)
        .setExact(MatchField.UDP_DST, TransportPort.of(port)).build();
  }
}
