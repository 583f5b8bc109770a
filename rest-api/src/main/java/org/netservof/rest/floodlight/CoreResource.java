package org.netservof.rest.floodlight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.netservof.rest.netserv.Doc;
import org.netservof.rest.server.FloodlightServices;
import org.netservof.rest.server.RestServices;

/** Floodlight's {@code /wm/core} controller-wide endpoints, with its field names. */
@Path("/wm/core")
@Produces(MediaType.APPLICATION_JSON)
public final class CoreResource {
  private final RestServices services;
  private final FloodlightServices floodlight;

  public CoreResource(RestServices services, FloodlightServices floodlight) {
    this.services = services;
    this.floodlight = floodlight;
  }

  @GET
  @Path("/role/json")
  @Doc("This controller's role: ACTIVE while it may write to its switches, STANDBY while its cluster's store has"
      + " no quorum")
  public Map<String, String> role() {
    return ControllerRoleJson.of(services.cluster().cluster(), services.cluster().mastership().roles(),
        services.startedAt());
  }

  @GET
  @Path("/module/all/json")
  @Doc("Every module on the class path, running or not, with the services it provides and needs")
  public Map<String, Object> allModules() {
    return ModulesJson.of(floodlight.modules().available());
  }

  @GET
  @Path("/module/loaded/json")
  @Doc("The running modules, with the services they provide and need")
  public Map<String, Object> loadedModules() {
    return ModulesJson.of(floodlight.modules().loaded());
  }

  @GET
  @Path("/storage/tables/json")
  @Doc("The names of the intent stores opened in this controller (Floodlight's storage tables)")
  public Set<String> storageTables() {
    return floodlight.stores().names();
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
