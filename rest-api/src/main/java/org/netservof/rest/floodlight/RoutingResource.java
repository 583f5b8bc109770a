package org.netservof.rest.floodlight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.rest.netserv.Doc;
import org.netservof.rest.server.RestServices;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Floodlight's {@code /wm/routing}: the route between two switch ports and the cheapest paths between two
 * switches, read from the current topology snapshot (no flow is installed). {@code paths/fast} and
 * {@code paths/slow} give the same answer: the topology computes every cheapest path at once.
 */
@Path("/wm/routing")
@Produces(MediaType.APPLICATION_JSON)
public final class RoutingResource {
  /** A fixed flow hash: the same question always gets the same one of several equal-cost routes. */
  private static final long ROUTE_HASH = 0;

  private final RestServices services;

  public RoutingResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Path("/path/{src}/{srcPort}/{dst}/{dstPort}/json")
  @Doc("The route from one switch port to another: each switch with its in and out port")
  public Map<String, Object> path(@PathParam("src") String src, @PathParam("srcPort") String srcPort,
      @PathParam("dst") String dst, @PathParam("dstPort") String dstPort) {
    Topology topology = services.topology().current();
    SwitchPort from = new SwitchPort(known(topology, src), port(srcPort));
    SwitchPort to = new SwitchPort(known(topology, dst), port(dstPort));
    return topology.route(from, to, ROUTE_HASH).map(RoutingJson::route).orElse(Map.of("results", List.of()));
  }

  @GET
  @Path("/paths/{src}/{dst}/{count}/json")
  @Doc("Up to count cheapest paths between two switches, with hop count and latency (ms)")
  public Map<String, Object> paths(@PathParam("src") String src, @PathParam("dst") String dst,
      @PathParam("count") String count) {
    Topology topology = services.topology().current();
    DatapathId from = known(topology, src);
    DatapathId to = known(topology, dst);
    int limit = count(count);
    if (from.equals(to)) {
      return Map.of("results", List.of()); // a path needs two switches; Floodlight answers none too
    }
    List<org.netservof.policy.fabric.Path> all = topology.paths(from, to);
    return RoutingJson.paths(all.subList(0, Math.min(limit, all.size())), services.links().linkInfo());
  }

  @GET
  @Path("/paths/fast/{src}/{dst}/{count}/json")
  @Doc("Same as /paths: up to count cheapest paths between two switches")
  public Map<String, Object> fastPaths(@PathParam("src") String src, @PathParam("dst") String dst,
      @PathParam("count") String count) {
    return paths(src, dst, count);
  }

  @GET
  @Path("/paths/slow/{src}/{dst}/{count}/json")
  @Doc("Same as /paths: up to count cheapest paths between two switches")
  public Map<String, Object> slowPaths(@PathParam("src") String src, @PathParam("dst") String dst,
      @PathParam("count") String count) {
    return paths(src, dst, count);
  }

  /** A DPID of a switch in the topology: malformed is 400, unknown is 404. */
  private static DatapathId known(Topology topology, String text) {
    DatapathId dpid = FloodlightIds.parseDpid(text);
    if (!topology.switches().contains(dpid)) {
      throw new NotFoundException("switch " + dpid + " is not in the topology");
    }
    return dpid;
  }

  private static OFPort port(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return OFPort.of(n);
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException("invalid port '" + text + "': must be a positive integer");
  }

  private static int count(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException("invalid number of paths '" + text + "': must be a positive integer");
  }
}
