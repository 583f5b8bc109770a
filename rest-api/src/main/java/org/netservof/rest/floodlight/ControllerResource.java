package org.netservof.rest.floodlight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.controller.api.OFSwitch;
import org.netservof.rest.netserv.Doc;
import org.netservof.rest.server.RestServices;

/** Floodlight's {@code /wm/core/controller}: the connected switches and a summary of the fabric. */
@Path("/wm/core/controller")
@Produces(MediaType.APPLICATION_JSON)
public final class ControllerResource {
  private final RestServices services;

  public ControllerResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Path("/switches/json")
  @Doc("The connected switches: address, connected since (epoch ms), OpenFlow version, DPID")
  public List<Map<String, Object>> switches() {
    return services.switches().switches().stream().sorted(Comparator.comparing(OFSwitch::id)).map(sw -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("inetAddress", String.valueOf(sw.remoteAddress())); // "/127.0.0.1:59656", as Floodlight
      out.put("connectedSince", sw.connectedSince().toEpochMilli());
      out.put("openFlowVersion", sw.factory().getVersion().name());
      out.put("switchDPID", sw.id().toString());
      return out;
    }).toList();
  }

  @GET
  @Path("/summary/json")
  @Doc("Counts of switches, directed inter-switch links, quarantined ports and hosts")
  public Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("# Switches", services.switches().switches().size());
    out.put("# inter-switch links", services.links().links().size()); // directed, as Floodlight counts
    // The topology keeps its quarantine to itself (no API exposes it); a port leaves it within seconds.
    out.put("# quarantine ports", 0);
    out.put("# hosts", services.hosts().hosts().size());
    return out;
  }
}
