package org.netservof.rest.floodlight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.netservof.controller.api.fabric.LinkInfo;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Links, islands and port lists as Floodlight's {@code /wm/topology} writes them. Links carry their ports as
 * JSON numbers; port lists ({@code results}) carry them as strings: Floodlight differs between the two and
 * clients rely on it.
 */
final class TopologyJson {
  private TopologyJson() {}

  /**
   * One element per cable: "bidirectional" when both directions are live (the lower-sorted direction is
   * written), "unidirectional" otherwise. Every link here is a direct one ("internal"): the controller has no
   * multi-hop or tunnel links.
   */
  static List<Map<String, Object>> links(Map<Link, LinkInfo> links) {
    Set<Link> written = new TreeSet<>();
    List<Map<String, Object>> out = new ArrayList<>();
    for (LinkInfo info : new TreeMap<>(links).values()) {
      Link link = info.link();
      if (written.contains(link.reverse())) {
        continue;
      }
      written.add(link);
      out.add(link(info, links.containsKey(link.reverse()) ? "bidirectional" : "unidirectional"));
    }
    return out;
  }

  /** Every direction on its own. */
  static List<Map<String, Object>> directedLinks(Map<Link, LinkInfo> links) {
    return new TreeMap<>(links).values().stream().map(info -> link(info, "unidirectional")).toList();
  }

  private static Map<String, Object> link(LinkInfo info, String direction) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("src-switch", info.link().src().dpid().toString());
    out.put("src-port", info.link().src().port().getPortNumber());
    out.put("dst-switch", info.link().dst().dpid().toString());
    out.put("dst-port", info.link().dst().port().getPortNumber());
    out.put("type", "internal");
    out.put("direction", direction);
    out.put("latency", latencyMillis(info.latency()));
    return out;
  }

  static long latencyMillis(Duration latency) {
    return latency.toMillis();
  }

  /**
   * Floodlight's archipelagos: {archipelago id: {cluster id: [members]}}, ids being the lowest DPID. The
   * controller has one cluster per island, so both ids are the island's first switch.
   */
  static Map<String, Object> archipelagos(List<Set<DatapathId>> islands) {
    Map<String, Object> out = new LinkedHashMap<>();
    clusters(islands).forEach((id, members) -> out.put(id, Map.of(id, members)));
    return out;
  }

  /**
   * Floodlight's switch clusters: {cluster id: [members]}, the id being the lowest DPID. A cluster here is an
   * island (the topology keeps no finer clusters), the same grouping archipelagos show.
   */
  static Map<String, List<String>> clusters(List<Set<DatapathId>> islands) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Set<DatapathId> island : islands) {
      List<String> members = island.stream().sorted().map(DatapathId::toString).toList();
      if (!members.isEmpty()) {
        out.put(members.get(0), members);
      }
    }
    return out;
  }

  /** {@code {"results": [{"switch": dpid, "port": "1"}, ...]}}, sorted. */
  static Map<String, Object> results(Collection<SwitchPort> ports) {
    return Map.of("results", new TreeSet<>(ports).stream().map(TopologyJson::switchPort).toList());
  }

  static Map<String, String> switchPort(SwitchPort p) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("switch", p.dpid().toString());
    out.put("port", p.port().toString());
    return out;
  }
}
