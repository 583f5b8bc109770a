package org.netservof.rest.floodlight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.controller.api.fabric.Host;
import org.netservof.rest.netserv.Doc;
import org.netservof.rest.server.RestServices;
import org.projectfloodlight.openflow.types.IPv4Address;

/**
 * Floodlight's device list, {@code /wm/device/} (and {@code /wm/device/all/json}), filtered by the query
 * parameters {@link DeviceQuery} reads. A host has one attachment point and no IPv6 addresses here: the
 * controller learns neither more nor the other.
 */
@Path("/wm/device")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceResource {
  private final RestServices services;

  public DeviceResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Doc("Hosts at the edge, filtered by mac, vlan, ipv4, ipv6, dpid, port and their __startswith forms")
  public Map<String, Object> devices(@Context UriInfo uri) {
    return list(uri);
  }

  @GET
  @Path("/all/json")
  @Doc("Hosts at the edge (the same list as /wm/device/)")
  public Map<String, Object> all(@Context UriInfo uri) {
    return list(uri);
  }

  private Map<String, Object> list(UriInfo uri) {
    Map<String, String> params = new HashMap<>();
    uri.getQueryParameters().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
    DeviceQuery query = DeviceQuery.parse(params);
    List<Map<String, Object>> devices = services.hosts().hosts().stream().filter(query::matches)
        .sorted(Comparator.comparing(Host::mac)).map(DeviceResource::device).toList();
    return Map.of("devices", devices);
  }

  static Map<String, Object> device(Host h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entityClass", "DefaultEntityClass");
    out.put("mac", List.of(h.mac().toString()));
    out.put("ipv4", h.ipv4().stream().sorted().map(IPv4Address::toString).toList());
    out.put("ipv6", List.of());
    out.put("vlan", List.of(DeviceQuery.vlanText(h.vlan())));
    out.put("attachmentPoint", List.of(TopologyJson.switchPort(h.attachment())));
    out.put("lastSeen", h.lastSeen().toEpochMilli());
    return out;
  }
}
