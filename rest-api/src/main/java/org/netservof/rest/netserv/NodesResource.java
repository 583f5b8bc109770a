package org.netservof.rest.netserv;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.PoolView;
import org.netservof.rest.server.Needs;
import org.netservof.rest.server.NetServServices;
import org.netservof.rest.server.RestServices;
import org.netservof.rest.server.Scope;

/**
 * {@code /netserv/v1/nodes} and {@code /netserv/v1/pools}: the service nodes, by node and by pool, as the
 * node pools own them; drain and removal are theirs to refuse.
 */
@Path("/netserv/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class NodesResource {
  private static final long CONFIRM_SECONDS = 30;
  private final RestServices services;

  public NodesResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Path("/nodes")
  @Doc("Every service node: attachment, state, agent report (containers, modules, counters)")
  public List<NodeJson> nodes() {
    return netserv().pools().nodes().stream().map(NodeJson::of).toList();
  }

  @GET
  @Path("/nodes/{id}")
  @Doc("One service node")
  public NodeJson node(@PathParam("id") String id) {
    return NodeJson.of(find(id));
  }

  @POST
  @Needs(Scope.ADMIN)
  @Path("/nodes/{id}/drain")
  @Doc("Drains a node: no new flows go to it, the ones it carries finish there (reactive services only)")
  public NodeJson drain(@PathParam("id") String id) throws Exception {
    find(id);
    netserv().poolAdmin().drainNode(id).get(CONFIRM_SECONDS, TimeUnit.SECONDS);
    return NodeJson.of(find(id));
  }

  @DELETE
  @Needs(Scope.ADMIN)
  @Path("/nodes/{id}")
  @Doc("Removes a node whose agent is gone: its flows move to the rest of its pool")
  @Returns(value = Void.class, status = 204, description = "removed")
  public Response remove(@PathParam("id") String id) throws Exception {
    if (find(id).connected()) {
      throw new ClientErrorException("node '" + id + "' is connected: stop its agent first (drain it to let its "
          + "flows finish), or its next hello brings it back", Response.Status.CONFLICT);
    }
    netserv().poolAdmin().removeNode(id).get(CONFIRM_SECONDS, TimeUnit.SECONDS);
    return Response.noContent().build();
  }

  @GET
  @Path("/pools")
  @Doc("Every pool: its nodes and the services steered through it")
  public List<PoolView> pools() {
    return netserv().pools().pools();
  }

  @GET
  @Path("/pools/{name}")
  @Doc("One pool")
  public PoolView pool(@PathParam("name") String name) {
    return netserv().pools().pool(name).orElseThrow(() -> new NotFoundException("no pool '" + name + "'"));
  }

  private NodeView find(String id) {
    return netserv().pools().node(id).orElseThrow(() -> new NotFoundException("no node '" + id + "'"));
  }

  private NetServServices netserv() {
    return ServicesResource.netserv(services);
  }
}
