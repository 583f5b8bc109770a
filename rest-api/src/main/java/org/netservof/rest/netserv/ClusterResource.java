package org.netservof.rest.netserv;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.netservof.rest.server.ClusterServices;

/** {@code GET /netserv/v1/cluster}: the members, the switches each masters, and the store's health. */
@Path("/netserv/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
public final class ClusterResource {
  private final ClusterServices services;

  public ClusterResource(ClusterServices services) {
    this.services = services;
  }

  @GET
  @Doc("The cluster as the answering member sees it: its instance id, the live members and the switches each "
      + "masters, this member's role for every switch, and whether the store takes writes")
  public ClusterJson cluster() {
    return ClusterJson.of(services);
  }
}
