package org.netservof.rest.netserv;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.cluster.MastershipService;
import org.netservof.controller.api.cluster.SwitchRole;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * {@code GET /netserv/v1/switches}: every switch connected to this controller with this member's role for it,
 * including those another cluster member masters (which Floodlight's switch list leaves out: only the master
 * writes to them).
 */
@Path("/netserv/v1/switches")
@Produces(MediaType.APPLICATION_JSON)
public final class SwitchesResource {
  private final SwitchService switches;
  private final MastershipService mastership;

  /**
   * A connected switch and who writes to it.
   *
   * @param role MASTER, SLAVE or EQUAL (no election: a controller alone, or an OpenFlow 1.0 switch)
   * @param generationId the generation id of the switch's master election; 0 without one
   * @param master the instance id of the member that masters it, when known
   */
  public record SwitchView(String dpid, String address, String openFlowVersion, String role, long generationId,
      Optional<String> master) {}

  public SwitchesResource(SwitchService switches, MastershipService mastership) {
    this.switches = switches;
    this.mastership = mastership;
  }

  @GET
  @Doc("Every connected switch with this controller's role for it (MASTER, SLAVE, EQUAL), the generation id of "
      + "its master election and the master's instance id")
  public List<SwitchView> list() {
    return switches.connectedSwitches().stream().sorted(Comparator.comparing(OFSwitch::id)).map(this::view).toList();
  }

  @GET
  @Path("/{dpid}")
  @Doc("One connected switch with this controller's role for it")
  public SwitchView get(@PathParam("dpid") String dpid) {
    DatapathId id = DatapathId.of(dpid); // a malformed DPID: IllegalArgumentException, answered 400
    return switches.connectedSwitches().stream().filter(sw -> sw.id().equals(id)).findFirst().map(this::view)
        .orElseThrow(() -> new NotFoundException("switch " + id + " is not connected to this controller"));
  }

  private SwitchView view(OFSwitch sw) {
    SwitchRole role = mastership.role(sw.id()).orElse(new SwitchRole(sw.id(), SwitchRole.Role.EQUAL,
        0, Optional.empty()));
    return new SwitchView(sw.id().toString(), String.valueOf(sw.remoteAddress()), sw.factory().getVersion().name(),
        role.role().name(), role.generationId(), role.master());
  }
}
