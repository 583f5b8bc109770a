package org.netservof.bridge.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.policy.plan.FlowEntry;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/** The tracker of reactive per-flow entries: its bound, and following what a switch's tables still hold. */
class FlowTrackerTest {
  private static final OFFactory F = OFFactories.getFactory(OFVersion.OF_13);
  private static final DatapathId S1 = DatapathId.of(1);
  private static final DatapathId S2 = DatapathId.of(2);

  @Test
  void aFullTrackerRefusesNewEntriesButTakesOneItAlreadyHas() {
    FlowTracker flows = new FlowTracker(2);
    assertThat(flows.add(flow(S1, 1), 1, 1, 3000)).isTrue();
    assertThat(flows.add(flow(S1, 2), 1, 1, 3000)).isTrue();
    assertThat(flows.add(flow(S1, 3), 1, 1, 3000)).as("full").isFalse();
    assertThat(flows.add(flow(S1, 2), 1, 2, 3001)).as("the same entry, written again").isTrue();
    assertThat(flows.size()).isEqualTo(2);
    assertThatThrownBy(() -> new FlowTracker(0)).hasMessageContaining("positive");
  }

  @Test
  void entriesAReadBackMissesAreForgottenButNotThoseTrackedDuringTheReadNorOtherSwitches() {
    FlowTracker flows = new FlowTracker(100);
    for (int port = 1; port <= 3; port++) {
      flows.add(flow(S1, port), 1, 1, 3000);
    }
    flows.add(flow(S2, 1), 1, 1, 3000);
    Set<FlowEntry.Key> before = flows.on(S1);
    assertThat(before).hasSize(3);
    flows.add(flow(S1, 4), 1, 1, 3000); // placed while the read was on its way: the read could not see it
    flows.forgetMissing(before, List.of(flow(S1, 2)));
    assertThat(flows.on(S1)).containsExactlyInAnyOrder(flow(S1, 2).key(), flow(S1, 4).key());
    assertThat(flows.on(S2)).hasSize(1);
  }

  private static FlowEntry flow(DatapathId dpid, int sourcePort) {
    return new FlowEntry(dpid, 20_000, F.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
        .setExact(MatchField.IP_PROTO, IpProtocol.UDP).setExact(MatchField.UDP_SRC, TransportPort.of(sourcePort))
        .build(), List.of(), U64.ZERO);
  }
}
