package org.netservof.rest.floodlight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.staticentry.StaticEntry;
import org.netservof.controller.api.staticentry.StaticEntryAdminService;
import org.netservof.controller.api.staticentry.StaticEntryService;
import org.netservof.controller.api.staticentry.UnknownSwitchException;
import org.netservof.rest.floodlight.staticentry.EntryJson;
import org.netservof.rest.floodlight.staticentry.EntryRequest;
import org.netservof.rest.floodlight.staticentry.FloodlightEntryParser;
import org.netservof.rest.netserv.Doc;
import org.netservof.rest.netserv.Returns;
import org.netservof.rest.server.ApiError;
import org.netservof.rest.server.JsonMapper;
import org.netservof.rest.server.Needs;
import org.netservof.rest.server.Scope;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Floodlight's static entry pusher, {@code /wm/staticentrypusher}: same paths, field names, action syntax and
 * success bodies, so Floodlight's scripts work unchanged. Unlike Floodlight, a refused entry is an HTTP error
 * with the reason (400 for bad input, 404 for an unknown switch or name, 502/504 when the switch refuses or
 * does not answer) and changes nothing.
 *
 * <p>A translator: Floodlight's JSON in, parsed here into OpenFlow messages for the entry's switch, handed to
 * the static entry module ({@link StaticEntryAdminService}), which writes and keeps them; JSON out.
 *
 * <p>Bodies are read whatever their Content-Type: Floodlight's documented {@code curl -d '{...}'} sends
 * {@code application/x-www-form-urlencoded}.
 *
 * <p>Decision on {@code clear}: Floodlight clears with {@code GET /clear/{dpid|all}/json}. Here GET never
 * changes state (a crawler, a prefetching browser or a monitoring probe must not wipe a switch), so that GET
 * answers 405 with a JSON error saying to use {@code DELETE} on the same path, which clears. Scripts that
 * cleared with GET fail loudly instead of silently.
 *
 * <p>Not final: {@link StaticFlowPusherResource} serves the same methods under Floodlight's older prefix.
 */
@Path("/wm/staticentrypusher")
@Produces(MediaType.APPLICATION_JSON)
public class StaticEntryResource {
  private final StaticEntryService entries;
  private final StaticEntryAdminService admin;
  private final SwitchService switches;
  private final ObjectMapper json = JsonMapper.create();

  public StaticEntryResource(StaticEntryService entries, StaticEntryAdminService admin, SwitchService switches) {
    this.entries = entries;
    this.admin = admin;
    this.switches = switches;
  }

  @POST
  @Needs(Scope.ADMIN)
  @Path("/json")
  @Consumes(MediaType.WILDCARD)
  @Doc("Adds or replaces a static flow or group (Floodlight's fields); answers once the switch confirmed it")
  public Map<String, String> push(String body) throws Exception {
    EntryRequest request = EntryRequest.fromJson(read(body));
    try {
      DatapathId dpid = FloodlightEntryParser.dpid(request);
      FloodlightEntryParser.name(request);
      OFSwitch sw = switches.getSwitch(dpid).orElseThrow(() -> new UnknownSwitchException("switch: " + dpid
          + " is not connected to this controller"));
      admin.push(FloodlightEntryParser.parseForSwitch(request, sw.factory()));
    } catch (UnknownSwitchException e) {
      throw new NotFoundException(e.getMessage());
    }
    return Map.of("status", "Entry pushed");
  }

  @DELETE
  @Needs(Scope.ADMIN)
  @Path("/json")
  @Consumes(MediaType.WILDCARD)
  @Doc("Removes a static entry by name ({\"name\": ...}) from its switch and from the store")
  public Map<String, String> delete(String body) throws Exception {
    JsonNode node = read(body);
    JsonNode name = node.isObject() ? node.get("name") : null;
    if (name == null || !name.isValueNode() || name.asText().isBlank()) {
      throw new IllegalArgumentException("missing field 'name'");
    }
    if (!admin.remove(name.asText().strip())) {
      throw new NotFoundException("no static entry named '" + name.asText().strip() + "'");
    }
    return Map.of("status", "Entry " + name.asText().strip() + " deleted");
  }

  @GET
  @Path("/list/{switch}/json")
  @Doc("Static entries of one switch or of all, keyed by DPID, in Floodlight's list format")
  public Map<String, List<Map<String, Object>>> list(@PathParam("switch") String which) {
    Optional<DatapathId> dpid = switchOf(which);
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    dpid.ifPresent(d -> out.put(which, new ArrayList<>())); // Floodlight echoes the DPID as given
    entries.list(dpid).forEach((d, list) -> out.put(dpid.isPresent() ? which : d.toString(),
        list.stream().map(StaticEntryResource::named).toList()));
    return out;
  }

  @GET
  @Path("/clear/{switch}/json")
  @Doc("Refused (405): clearing changes state, so it is DELETE on the same path")
  @Returns(value = ApiError.class, status = 405, description = "use DELETE on the same path")
  public Response clearByGet(@PathParam("switch") String which) {
    // The prefix the request came by: this one, or an alias's (StaticFlowPusherResource).
    String prefix = getClass().getAnnotation(Path.class).value();
    throw new WebApplicationException("clearing static entries changes state: use DELETE " + prefix
        + "/clear/" + which + "/json (Floodlight's GET is not accepted)",
        Response.status(405).header(HttpHeaders.ALLOW, "DELETE").build());
  }

  @DELETE
  @Needs(Scope.ADMIN)
  @Path("/clear/{switch}/json")
  @Doc("Removes every static entry of one switch, or of all switches")
  public Map<String, String> clear(@PathParam("switch") String which) throws Exception {
    Optional<DatapathId> dpid = switchOf(which);
    admin.clear(dpid);
    return Map.of("status", dpid.isEmpty() ? "Deleted all flows/groups."
        : "Deleted all flows/groups for switch " + which + ".");
  }

  private static Map<String, Object> named(StaticEntry e) {
    return Map.of(e.name(), EntryJson.render(e));
  }

  private JsonNode read(String body) throws Exception {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("no data posted: the body must be a JSON object");
    }
    return json.readTree(body);
  }

  private static Optional<DatapathId> switchOf(String which) {
    if (which.equalsIgnoreCase("all")) {
      return Optional.empty();
    }
    try {
      return Optional.of(which.contains(":") ? DatapathId.of(which) : DatapathId.of(Long.parseUnsignedLong(which)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid switch DPID string '" + which + "'. Must be a 64-bit value in the "
          + "form 00:11:22:33:44:55:66:77, or all.");
    }
  }
}
