package org.netservof.rest.floodlight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.Ports;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.rest.netserv.Doc;
import org.netservof.rest.server.RestServices;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/** Floodlight's {@code /wm/topology}: links, islands and the port sets broadcast follows. */
@Path("/wm/topology")
@Produces(MediaType.APPLICATION_JSON)
public final class TopologyResource {
  private final RestServices services;

  public TopologyResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Path("/links/json")
  @Doc("Inter-switch links, one per cable, with direction and latency (ms)")
  public List<Map<String, Object>> links() {
    return TopologyJson.links(services.links().linkInfo());
  }

  @GET
  @Path("/directed-links/json")
  @Doc("Inter-switch links, one per direction")
  public List<Map<String, Object>> directedLinks() {
    return TopologyJson.directedLinks(services.links().linkInfo());
  }

  @GET
  @Path("/external-links/json")
  @Doc("Links through a non-OpenFlow network (always empty: discovery verifies direct links only)")
  public List<Map<String, Object>> externalLinks() {
    return List.of();
  }

  @GET
  @Path("/archipelagos/json")
  @Doc("Groups of connected switches, keyed by their lowest DPID")
  public Map<String, Object> archipelagos() {
    return TopologyJson.archipelagos(services.topology().current().islands());
  }

  @GET
  @Path("/broadcastports/json")
  @Doc("Ports a broadcast leaves by: edge ports and spanning-tree link ports")
  public Map<String, Object> broadcastPorts() {
    Topology topology = services.topology().current();
    List<SwitchPort> ports = new ArrayList<>();
    for (DatapathId dpid : topology.switches()) {
      ports.addAll(topology.broadcastPorts(dpid));
    }
    return TopologyJson.results(ports);
  }

  @GET
  @Path("/enabledports/json")
  @Doc("Every port that is up, on every connected switch (the switch's local port excepted)")
  public Map<String, Object> enabledPorts() {
    List<SwitchPort> ports = new ArrayList<>();
    for (OFSwitch sw : services.switches().switches()) {
      for (OFPortDesc port : sw.ports()) {
        if (Ports.isUp(port) && !port.getPortNo().equals(OFPort.LOCAL)) {
          ports.add(new SwitchPort(sw.id(), port.getPortNo()));
        }
      }
    }
    return TopologyJson.results(ports);
  }

  @GET
  @Path("/blockedports/json")
  @Doc("Link ports off the spanning tree, where no broadcast passes")
  public Map<String, Object> blockedPorts() {
    return TopologyJson.results(services.topology().current().blockedPorts());
  }

  @GET
  @Path("/broadcastdomainports/json")
  @Doc("Ports attached to a non-OpenFlow broadcast domain (always empty: discovery verifies direct links only,"
      + " as external-links)")
  public List<Map<String, Object>> broadcastDomainPorts() {
    return List.of();
  }

  @GET
  @Path("/switchclusters/json")
  @Doc("Connected switches grouped by cluster (each cluster keyed by its lowest DPID)")
  public Map<String, List<String>> switchClusters() {
    return TopologyJson.clusters(services.topology().current().islands());
  }
}
