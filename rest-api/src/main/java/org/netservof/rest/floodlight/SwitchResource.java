package org.netservof.rest.floodlight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netservof.controller.api.OFSwitch;
import org.netservof.rest.netserv.Doc;
import org.netservof.rest.server.RestServices;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Floodlight's {@code /wm/core/switch/{dpid|all}/{type}/json}: a switch's statistics, read from the switch
 * (flows, ports, aggregate, groups, tables) or from what it said at the handshake (description, features,
 * ports, role). Waiting happens on Jersey's request thread, bounded; the switch's I/O thread only completes
 * the future. {@code all} sends every switch its request first and then waits for them all under one
 * deadline; a switch that fails or does not answer in time is left out, as Floodlight does.
 */
@Path("/wm/core/switch")
@Produces(MediaType.APPLICATION_JSON)
public final class SwitchResource {
  private static final Logger log = LoggerFactory.getLogger(SwitchResource.class);
  /** Longer than the OpenFlow request timeout would be pointless; this bounds a hung switch. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private final RestServices services;

  public SwitchResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Path("/{dpid}/{type}/json")
  @Doc("A switch's statistics (flow, port, port-desc, desc, aggregate, features, group, group-desc,"
      + " group-features, queue, table, role); dpid 'all' for every switch, keyed by DPID")
  public Map<String, Object> stats(@PathParam("dpid") String dpid, @PathParam("type") String typeName)
      throws InterruptedException, ExecutionException, TimeoutException {
    StatType type = StatType.fromPath(typeName);
    if ("all".equals(dpid)) {
      return all(type);
    }
    DatapathId id = FloodlightIds.parseDpid(dpid);
    OFSwitch sw = type == StatType.ROLE ? FloodlightIds.connectedHere(services.switches(), id)
        : FloodlightIds.connected(services.switches(), id);
    CompletableFuture<? extends List<? extends OFStatsReply>> reply = SwitchStats.request(sw, type);
    Object body = SwitchStats.toJson(sw, type, reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    if (type == StatType.ROLE) {
      return Map.of(sw.id().toString(), body); // Floodlight keys the role by DPID
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) body;
    return map;
  }

  private Map<String, Object> all(StatType type) throws InterruptedException {
    // Every switch has a role here, also those another cluster member masters; statistics come from the master.
    List<OFSwitch> switches = new ArrayList<>(type == StatType.ROLE ? services.switches().connectedSwitches()
        : services.switches().switches());
    switches.sort(Comparator.comparing(OFSwitch::id));
    List<CompletableFuture<? extends List<? extends OFStatsReply>>> replies = new ArrayList<>();
    List<OFSwitch> asked = new ArrayList<>();
    for (OFSwitch sw : switches) {
      if (type.needsGroups() && sw.factory().getVersion() == OFVersion.OF_10) {
        continue; // Floodlight leaves out switches that cannot answer
      }
      asked.add(sw);
      replies.add(SwitchStats.request(sw, type));
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < asked.size(); i++) {
      OFSwitch sw = asked.get(i);
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        out.put(sw.id().toString(), SwitchStats.toJson(sw, type, replies.get(i).get(left, TimeUnit.NANOSECONDS)));
      } catch (ExecutionException | TimeoutException e) {
        // The reason as text: SLF4J would take a trailing Throwable for a stack trace, not for the {}.
        log.info("switch {} left out of /wm/core/switch/all/{}/json: {}", sw.id(), type.path,
            e instanceof ExecutionException ? String.valueOf(e.getCause()) : "no answer within " + WAIT);
      }
    }
    return out;
  }
}
