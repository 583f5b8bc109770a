package org.netservof.rest.floodlight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.netservof.rest.netserv.Doc;
import org.netservof.rest.server.RestServices;

/** Floodlight's {@code /wm/core} controller-wide endpoints, with its field names. */
@Path("/wm/core")
@Produces(MediaType.APPLICATION_JSON)
public final class CoreResource {
  private final RestServices services;

  public CoreResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Path("/health/json")
  @Doc("Whether the controller is healthy (Floodlight: {\"healthy\": true})")
  public Map<String, Boolean> health() {
    return Map.of("healthy", true);
  }

  @GET
  @Path("/memory/json")
  @Doc("The controller JVM's heap: total and free bytes")
  public Map<String, Long> memory() {
    Runtime rt = Runtime.getRuntime();
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("total", rt.totalMemory());
    out.put("free", rt.freeMemory());
    return out;
  }

  @GET
  @Path("/system/uptime/json")
  @Doc("Milliseconds since the controller started")
  public Map<String, Long> uptime() {
    return Map.of("systemUptimeMsec", Duration.between(services.startedAt(), services.clock().instant()).toMillis());
  }
}
