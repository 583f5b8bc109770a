package org.netservof.controller.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.netservof.controller.forwarding.RouteTable.Route;
import org.netservof.controller.forwarding.RouteTable.RouteId;
import org.netservof.policy.fabric.Hop;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

class RouteTableTest {
  private static final DatapathId S1 = DatapathId.of(1);
  private static final MacAddress A = MacAddress.of(0xa);
  private static final MacAddress B = MacAddress.of(0xb);
  private static final MacAddress C = MacAddress.of(0xc);
  private static final Route ROUTE = new Route(new Path(List.of(new Hop(S1, OFPort.of(1), OFPort.of(2))), 1), false);

  private final RouteTable table = new RouteTable();

  private static RouteId id(MacAddress src, MacAddress dst, int port) {
    return new RouteId(new FlowKey(src, dst, OptionalInt.empty()), new SwitchPort(S1, OFPort.of(port)));
  }

  @Test
  void removesTheRoutesFromAndToAHostAndNoOthers() {
    table.put(id(A, B, 1), ROUTE);
    table.put(id(B, A, 2), ROUTE);
    table.put(id(B, C, 2), ROUTE);
    table.put(id(C, B, 3), ROUTE);

    assertThat(table.removeInvolving(A)).extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder(id(A, B, 1), id(B, A, 2));
    assertThat(table.size()).isEqualTo(2);
    assertThat(table.removeInvolving(A)).isEmpty();
    assertThat(table.removeInvolving(C)).extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder(id(B, C, 2), id(C, B, 3));
    assertThat(table.size()).isZero();
  }

  @Test
  void aRouteGoneAnotherWayIsNotRemovedAgainByHost() {
    table.put(id(A, B, 1), ROUTE);
    table.put(id(A, C, 1), ROUTE);
    table.expired(id(A, B, 1));
    assertThat(table.removeIf(java.util.Set.of(S1), (id, path) -> id.flow().dst().equals(C))).hasSize(1);

    assertThat(table.removeInvolving(A)).isEmpty();
    assertThat(table.removeInvolving(B)).isEmpty();
  }

  @Test
  void aRouteOverAnotherPathReplacesTheOneInstalled() {
    Route other = new Route(new Path(List.of(new Hop(S1, OFPort.of(1), OFPort.of(3))), 1), false);
    table.put(id(A, B, 1), ROUTE);
    table.put(id(A, B, 1), other);
    assertThat(table.removeInvolving(A)).singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo(other));
    assertThat(table.size()).isZero();
  }

  @Test
  void aRouteInstalledAgainIsRemovedOnce() {
    table.put(id(A, B, 1), ROUTE);
    table.put(id(A, B, 1), ROUTE);
    assertThat(table.removeInvolving(B)).hasSize(1);
    assertThat(table.size()).isZero();
  }

  @Test
  void aFailureLooksOnlyAtTheRoutesThroughTheSwitchesItTouchesAndARerouteMovesTheIndex() {
    DatapathId s2 = DatapathId.of(2);
    Route overS2 = new Route(new Path(List.of(new Hop(S1, OFPort.of(1), OFPort.of(3)),
        new Hop(s2, OFPort.of(1), OFPort.of(2))), 1), false);
    table.put(id(A, B, 1), overS2);
    table.put(id(A, C, 1), ROUTE);
    java.util.Set<RouteId> tested = new java.util.HashSet<>();
    assertThat(table.removeIf(java.util.Set.of(s2), (id, path) -> tested.add(id))).extracting(Map.Entry::getKey)
        .containsExactly(id(A, B, 1));
    assertThat(tested).as("the route that never passes s2 is not even looked at").containsExactly(id(A, B, 1));
    table.put(id(A, C, 1), overS2); // rerouted over s2
    table.put(id(A, B, 1), ROUTE);
    assertThat(table.removeIf(java.util.Set.of(s2), (id, path) -> true)).extracting(Map.Entry::getKey)
        .containsExactly(id(A, C, 1));
    assertThat(table.removeIf(java.util.Set.of(s2), (id, path) -> true)).isEmpty();
    assertThat(table.size()).isEqualTo(1);
  }
}
