package org.netservof.rest.netserv;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.NodeInfo;
import org.netservof.bridge.api.NodeStatus;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.SteeringService;
import org.netservof.rest.server.RestServices;

/** {@code /netserv/v1/nodes} and {@code /netserv/v1/pools}: the service nodes, by node and by pool. */
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
  public List<NodeView> nodes() {
    return steering().nodes().stream().sorted(Comparator.comparing(n -> n.spec().id()))
        .map(n -> NodeView.of(n, agent(n.spec().id()))).toList();
  }

  @GET
  @Path("/nodes/{id}")
  @Doc("One service node")
  public NodeView node(@PathParam("id") String id) {
    return NodeView.of(find(id), agent(id));
  }

  @POST
  @Path("/nodes/{id}/drain")
  @Doc("Drains a node: no new flows go to it, the ones it carries finish there (reactive services only)")
  public NodeView drain(@PathParam("id") String id) throws Exception {
    find(id);
    steering().drainNode(id).get(CONFIRM_SECONDS, TimeUnit.SECONDS);
    return NodeView.of(find(id), agent(id));
  }

  @DELETE
  @Path("/nodes/{id}")
  @Doc("Removes a node whose agent is gone: its flows move to the rest of its pool")
  @Returns(value = Void.class, status = 204, description = "removed")
  public Response remove(@PathParam("id") String id) throws Exception {
    find(id);
    if (agent(id).map(NodeStatus::connected).orElse(false)) {
      throw new ClientErrorException("node '" + id + "' is connected: stop its agent first (drain it to let its "
          + "flows finish), or its next hello brings it back", Response.Status.CONFLICT);
    }
    steering().removeNode(id).get(CONFIRM_SECONDS, TimeUnit.SECONDS);
    return Response.noContent().build();
  }

  @GET
  @Path("/pools")
  @Doc("Every pool: its nodes and the services steered through it")
  public List<PoolView> pools() {
    return List.copyOf(poolViews().values());
  }

  @GET
  @Path("/pools/{name}")
  @Doc("One pool")
  public PoolView pool(@PathParam("name") String name) {
    PoolView p = poolViews().get(name);
    if (p == null) {
      throw new NotFoundException("no pool '" + name + "'");
    }
    return p;
  }

  private Map<String, PoolView> poolViews() {
    SteeringService steering = steering();
    Map<String, List<NodeInfo>> byPool = new TreeMap<>();
    steering.nodes().forEach(n -> byPool.computeIfAbsent(n.spec().pool(), k -> new java.util.ArrayList<>()).add(n));
    Map<String, PoolView> out = new TreeMap<>();
    byPool.forEach((pool, nodes) -> out.put(pool, new PoolView(pool,
        nodes.stream().map(n -> n.spec().id()).sorted().toList(),
        (int) nodes.stream().filter(n -> n.healthy() && !n.draining()).count(),
        steering.services().stream().filter(s -> s.request().pool().equals(pool)).map(ServiceInfo::id).sorted()
            .toList())));
    return out;
  }

  private NodeInfo find(String id) {
    return steering().node(id).orElseThrow(() -> new NotFoundException("no node '" + id + "'"));
  }

  private Optional<NodeStatus> agent(String id) {
    return services.nodes().flatMap(n -> n.node(id));
  }

  private SteeringService steering() {
    return services.steering().orElseThrow(() -> new ServiceUnavailableException(
        "the steering module does not run on this controller"));
  }
}
