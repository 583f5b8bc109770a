package org.netservof.rest.netserv;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.netservof.rest.server.RestServices;

/**
 * {@code /netserv/v1/deployments}: what runs where, signaled or created here; a service creation that takes
 * longer than its wait answers 202 with the deployment to follow here.
 */
@Path("/netserv/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
public final class DeploymentsResource {
  private final RestServices services;

  public DeploymentsResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Doc("Every deployment: its module, nodes, state and service")
  public List<DeploymentJson> list() {
    return ServicesResource.netserv(services).deployments().deployments().stream().map(DeploymentJson::of).toList();
  }

  @GET
  @Path("/{id}")
  @Doc("One deployment")
  public DeploymentJson get(@PathParam("id") int id) {
    return ServicesResource.netserv(services).deployments().deployment(id).map(DeploymentJson::of)
        .orElseThrow(() -> new NotFoundException("no deployment " + id + " (it ended, or failed)"));
  }
}
