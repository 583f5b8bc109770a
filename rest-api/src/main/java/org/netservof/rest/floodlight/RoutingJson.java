package org.netservof.rest.floodlight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.controller.api.fabric.LinkInfo;
import org.netservof.policy.fabric.Hop;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;

/** Paths as Floodlight's {@code /wm/routing} writes them. */
final class RoutingJson {
  private RoutingJson() {}

  /** {@code /path}: every switch the route crosses, twice (in port, out port), ports as strings. */
  static Map<String, Object> route(Path path) {
    List<Map<String, String>> ports = new ArrayList<>();
    for (Hop hop : path.hops()) {
      ports.add(TopologyJson.switchPort(hop.ingress()));
      ports.add(TopologyJson.switchPort(hop.egress()));
    }
    return Map.of("results", ports);
  }

  /**
   * {@code /paths}: each path with its hop count (inter-switch links), latency (the sum of the links'
   * measured latencies, ms) and the inter-switch ports it uses, keyed {@code dpid} (not {@code switch}).
   */
  static Map<String, Object> paths(List<Path> paths, Map<Link, LinkInfo> links) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      Path p = paths.get(i);
      Duration latency = Duration.ZERO;
      List<Map<String, String>> ports = new ArrayList<>();
      for (Link link : p.links()) {
        LinkInfo info = links.get(link);
        latency = latency.plus(info == null ? Duration.ZERO : info.latency());
        ports.add(dpidPort(link.src()));
        ports.add(dpidPort(link.dst()));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("src_dpid", p.hops().get(0).dpid().toString());
      out.put("dst_dpid", p.hops().get(p.hops().size() - 1).dpid().toString());
      out.put("hop_count", Integer.toString(p.links().size()));
      out.put("latency", Long.toString(latency.toMillis()));
      out.put("path_index", Integer.toString(i));
      out.put("path", ports);
      results.add(out);
    }
    return Map.of("results", results);
  }

  private static Map<String, String> dpidPort(SwitchPort p) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("dpid", p.dpid().toString());
    out.put("port", Integer.toString(p.port().getPortNumber()));
    return out;
  }
}
