package org.netservof.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.fabric.LinkInfo;
import org.netservof.policy.fabric.Hop;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

class TopologyAndRoutingJsonTest {
  private static final Link AB = new Link(SwitchPort.of(1, 3), SwitchPort.of(2, 3));
  private static final Link BC = new Link(SwitchPort.of(2, 4), SwitchPort.of(3, 3));

  private static Map<Link, LinkInfo> infos(Link... links) {
    Map<Link, LinkInfo> out = new LinkedHashMap<>();
    for (Link l : links) {
      out.put(l, new LinkInfo(l, Instant.EPOCH, Instant.EPOCH, Duration.ofMillis(l.src().dpid().getLong() * 3)));
    }
    return out;
  }

  @Test
  void aCableSeenBothWaysIsOneBidirectionalLinkWithPortsAsNumbers() {
    List<Map<String, Object>> links = TopologyJson.links(infos(AB, AB.reverse(), BC));

    assertThat(links).hasSize(2);
    assertThat(links.get(0)).isEqualTo(Map.of("src-switch", "00:00:00:00:00:00:00:01", "src-port", 3,
        "dst-switch", "00:00:00:00:00:00:00:02", "dst-port", 3, "type", "internal", "direction", "bidirectional",
        "latency", 3L));
    assertThat(links.get(1)).containsEntry("direction", "unidirectional").containsEntry("src-port", 4);
  }

  @Test
  void directedLinksListEveryDirection() {
    assertThat(TopologyJson.directedLinks(infos(AB, AB.reverse())))
        .extracting(m -> m.get("direction")).containsExactly("unidirectional", "unidirectional");
  }

  @Test
  void archipelagosAreKeyedByTheirLowestDpidTwice() {
    DatapathId one = DatapathId.of(1);
    DatapathId two = DatapathId.of(2);
    assertThat(TopologyJson.archipelagos(List.of(Set.of(two, one), Set.of(DatapathId.of(9)))))
        .isEqualTo(Map.of("00:00:00:00:00:00:00:01", Map.of("00:00:00:00:00:00:00:01",
            List.of("00:00:00:00:00:00:00:01", "00:00:00:00:00:00:00:02")),
            "00:00:00:00:00:00:00:09", Map.of("00:00:00:00:00:00:00:09", List.of("00:00:00:00:00:00:00:09"))));
  }

  @Test
  void portListsWritePortsAsStrings() {
    assertThat(TopologyJson.results(Set.of(new SwitchPort(DatapathId.of(2), OFPort.LOCAL), SwitchPort.of(1, 1))))
        .isEqualTo(Map.of("results", List.of(Map.of("switch", "00:00:00:00:00:00:00:01", "port", "1"),
            Map.of("switch", "00:00:00:00:00:00:00:02", "port", "local"))));
  }

  private static Path line() {
    return new Path(List.of(new Hop(DatapathId.of(1), OFPort.of(1), OFPort.of(3)),
        new Hop(DatapathId.of(2), OFPort.of(3), OFPort.of(4)),
        new Hop(DatapathId.of(3), OFPort.of(3), OFPort.of(1))), 2);
  }

  @Test
  void aRouteListsEachSwitchWithItsInAndOutPort() {
    assertThat(RoutingJson.route(line())).isEqualTo(Map.of("results", List.of(
        Map.of("switch", "00:00:00:00:00:00:00:01", "port", "1"),
        Map.of("switch", "00:00:00:00:00:00:00:01", "port", "3"),
        Map.of("switch", "00:00:00:00:00:00:00:02", "port", "3"),
        Map.of("switch", "00:00:00:00:00:00:00:02", "port", "4"),
        Map.of("switch", "00:00:00:00:00:00:00:03", "port", "3"),
        Map.of("switch", "00:00:00:00:00:00:00:03", "port", "1"))));
  }

  @Test
  void pathsCountHopsAddLatenciesAndListInterSwitchPortsByDpid() {
    assertThat(RoutingJson.paths(List.of(line()), infos(AB, BC))).isEqualTo(Map.of("results", List.of(Map.of(
        "src_dpid", "00:00:00:00:00:00:00:01", "dst_dpid", "00:00:00:00:00:00:00:03", "hop_count", "2",
        "latency", "9", "path_index", "0", "path", List.of(
            Map.of("dpid", "00:00:00:00:00:00:00:01", "port", "3"),
            Map.of("dpid", "00:00:00:00:00:00:00:02", "port", "3"),
            Map.of("dpid", "00:00:00:00:00:00:00:02", "port", "4"),
            Map.of("dpid", "00:00:00:00:00:00:00:03", "port", "3"))))));
  }
}
