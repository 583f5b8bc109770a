package org.netservof.policy.steering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.testing.FakeFlowTable;
import org.netservof.policy.testing.FakeFlowTable.Packet;
import org.netservof.policy.testing.FakeFlowTable.Trace;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Edge guards with a node's tunnels in a line of three switches (h1 on s1 port 1, h2 on s3 port 1, cables
 * on ports 2 and 3, node on s3 port 4): a mark from a host port is dropped where it enters, the same mark
 * over a cable reaches the node.
 */
class EdgeGuardsTest {
  private static final SteeringNode NODE = new SteeringNode("n1", 1, SwitchPort.of(3, 4), 1, 3001, true);
  private static final Packet TO_H2 = Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060);

  private static FakeFlowTable fabric(OFVersion version) {
    FakeFlowTable fabric = new FakeFlowTable().addSwitch(1, version).addSwitch(2, version).addSwitch(3, version)
        .cable(1, 2, 2, 3).cable(2, 2, 3, 3).edge(1, 1).edge(3, 1);
    fabric.load(EdgeGuards.plan(fabric, Set.of(NODE.mark())).with(SteeringPlanner.tunnels(fabric, List.of(NODE))));
    return fabric;
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void aMarkFromAHostPortIsDroppedWhereItEntersAndCarriedOverACable(OFVersion version) {
    FakeFlowTable fabric = fabric(version);
    Packet marked = TO_H2.withVlan(OptionalInt.of(NODE.mark()));
    for (SwitchPort host : List.of(SwitchPort.of(1, 1), SwitchPort.of(3, 1))) {
      Trace t = fabric.send(marked, host);
      assertThat(t.deliveredTo()).as("from %s", host).isEmpty();
      assertThat(t.missed() || t.toController()).as("dropped by the switch").isFalse();
      assertThat(t.steps()).singleElement().satisfies(s -> {
        assertThat(s.entry().priority()).isEqualTo(SteeringLayout.GUARD_PRIORITY);
        assertThat(PriorityBand.EDGE_GUARD.contains(s.entry().priority())).isTrue();
      });
    }
    assertThat(fabric.send(marked, SwitchPort.of(2, 3)).deliveredTo()).as("over the cable from s1")
        .contains(NODE.attachment());
    assertThat(fabric.send(marked, SwitchPort.of(3, 3)).delivered().orElseThrow().vlan())
        .as("the node takes its frames tagged").hasValue(NODE.mark());
    assertThat(fabric.send(TO_H2, SwitchPort.of(1, 1)).missed()).as("untagged frames are not the guards'")
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void openFlow13DropsEveryTagAtAHostPort(OFVersion version) {
    FakeFlowTable fabric = fabric(version);
    for (int vid : List.of(1, 100, 3000, 3002, 4094)) {
      Trace t = fabric.send(TO_H2.withVlan(OptionalInt.of(vid)), SwitchPort.of(1, 1));
      assertThat(t.missed() || t.deliveredTo().isPresent()).as("tag %d", vid).isFalse();
    }
    assertThat(EdgeGuards.plan(fabric, Set.of(3001, 3002)).flows()).as("one entry per host port").hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10"})
  void openFlow10GuardsEveryMarkInUseAndSendsOtherTagsUp(OFVersion version) {
    FakeFlowTable fabric = fabric(version);
    assertThat(fabric.send(TO_H2.withVlan(OptionalInt.of(100)), SwitchPort.of(1, 1)).missed())
        .as("a tag that is no mark goes to the controller, which drops it").isTrue();
    assertThat(EdgeGuards.plan(fabric, Set.of(3001, 3002)).flows()).as("per host port and mark").hasSize(4);
  }
}
