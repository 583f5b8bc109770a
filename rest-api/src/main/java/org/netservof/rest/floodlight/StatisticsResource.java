package org.netservof.rest.floodlight;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.statistics.PortBandwidth;
import org.netservof.controller.api.statistics.StatisticsAdminService;
import org.netservof.controller.api.statistics.StatisticsService;
import org.netservof.rest.netserv.Doc;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Floodlight's statistics module endpoints: turning the collector on and off (POST or PUT, as Floodlight takes
 * either; a write, so it needs a write token) and the bandwidth it measured. A malformed DPID or port is 400,
 * a switch not connected here or a port it does not have is 404; a known port not measured yet (collection
 * off, or one read so far) is an empty list, as in Floodlight.
 */
@Path("/wm/statistics")
@Produces(MediaType.APPLICATION_JSON)
public final class StatisticsResource {
  private static final Pattern PORT_NUMBER = Pattern.compile("[0-9]{1,10}");

  private final StatisticsService statistics;
  private final StatisticsAdminService admin;
  private final SwitchService switches;

  public StatisticsResource(StatisticsService statistics, StatisticsAdminService admin, SwitchService switches) {
    this.statistics = statistics;
    this.admin = admin;
    this.switches = switches;
  }

  @POST
  @Path("/config/{action}/json")
  @Consumes(MediaType.WILDCARD)
  @Doc("action 'enable' starts collecting port statistics every statistics.interval; 'disable' stops and forgets"
      + " the bandwidth measured (Floodlight also takes PUT)")
  public Map<String, String> configure(@PathParam("action") String action) {
    return collect(action);
  }

  @PUT
  @Path("/config/{action}/json")
  @Consumes(MediaType.WILDCARD)
  @Doc("As POST")
  public Map<String, String> configureByPut(@PathParam("action") String action) {
    return collect(action);
  }

  private Map<String, String> collect(String action) {
    boolean on = switch (action) {
      case "enable" -> true;
      case "disable" -> false;
      default -> throw new NotFoundException("unknown statistics configuration '" + action
          + "': enable or disable");
    };
    admin.collect(on);
    return Map.of("statistics-collection", on ? "enabled" : "disabled");
  }

  @GET
  @Path("/bandwidth/{dpid}/{port}/json")
  @Doc("Bits per second received and sent on one port, every port of a switch, or every port ('all'),"
      + " from the collector's two latest reads")
  public List<Map<String, String>> bandwidth(@PathParam("dpid") String dpid, @PathParam("port") String port) {
    Optional<OFPort> number = port(port);
    if (dpid.equalsIgnoreCase("all")) {
      return BandwidthJson.of(statistics.bandwidth().stream()
          .filter(b -> number.isEmpty() || b.port().equals(number.get())).toList());
    }
    OFSwitch sw = FloodlightIds.connected(switches, FloodlightIds.parseDpid(dpid));
    if (number.isEmpty()) {
      return BandwidthJson.of(statistics.bandwidth().stream().filter(b -> b.dpid().equals(sw.id())).toList());
    }
    if (sw.port(number.get()).isEmpty()) {
      throw new NotFoundException("switch " + sw.id() + " has no port " + port);
    }
    Optional<PortBandwidth> measured = statistics.bandwidth(sw.id(), number.get());
    return BandwidthJson.of(measured.stream().toList());
  }

  /** A port number, or empty for {@code all}. */
  private static Optional<OFPort> port(String text) {
    if (text.equalsIgnoreCase("all")) {
      return Optional.empty();
    }
    if (text.equalsIgnoreCase("local")) {
      return Optional.of(OFPort.LOCAL);
    }
    if (!PORT_NUMBER.matcher(text).matches() || Long.parseLong(text) > 0xffffff00L) {
      throw new IllegalArgumentException("invalid port '" + text + "': must be a port number, 'local' or 'all'");
    }
    return Optional.of(OFPort.ofInt((int) Long.parseLong(text)));
  }
}
