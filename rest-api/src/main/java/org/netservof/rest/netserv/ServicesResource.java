package org.netservof.rest.netserv;

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
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.NodeInfo;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.api.SteeringService;
import org.netservof.rest.server.RestServices;

/**
 * {@code /netserv/v1/services}: steered services, created here or by signaling, with their nodes, their
 * entries on the switches and the entries' counters.
 */
@Path("/netserv/v1/services")
@Produces(MediaType.APPLICATION_JSON)
public final class ServicesResource {
  private final RestServices services;
  private final Optional<ModuleDeployments> deployments;

  public ServicesResource(RestServices services, Optional<ModuleDeployments> deployments) {
    this.services = services;
    this.deployments = deployments;
  }

  @GET
  @Doc("Every service, with its nodes, entries and counters")
  public List<ServiceView> list() {
    SteeringService steering = steering();
    Map<Integer, List<ServiceView.Entry>> entries = ServiceEntries.read(services.switches());
    return steering.services().stream().sorted(Comparator.comparingInt(ServiceInfo::id))
        .map(s -> view(steering, s, entries)).toList();
  }

  @GET
  @Path("/{id}")
  @Doc("One service, with its nodes, entries and counters")
  public ServiceView get(@PathParam("id") int id) {
    SteeringService steering = steering();
    ServiceInfo s = steering.service(id).orElseThrow(() -> new NotFoundException("no service " + id));
    return view(steering, s, ServiceEntries.read(services.switches(), id));
  }

  @POST
  @Doc("Creates a service: installs its module on the nodes (if it names one), then steers its filter there")
  @Returns(value = ServiceView.class, status = 201, description = "the service, steered and confirmed")
  public Response create(ServiceCreate request, @jakarta.ws.rs.core.Context UriInfo uri) throws Exception {
    if (request == null) {
      throw new IllegalArgumentException("the request needs a JSON body");
    }
    ServiceInfo created = deployments.orElseThrow(ServicesResource::noSteering).create(request);
    ServiceView view = view(steering(), created, ServiceEntries.read(services.switches(), created.id()));
    return Response.created(URI.create(uri.getBaseUri() + "netserv/v1/services/" + created.id())).entity(view)
        .build();
  }

  @POST
  @Path("/{id}/refresh")
  @Doc("Gives a service a new lifetime from now")
  public ServiceView refresh(@PathParam("id") int id, RefreshRequest request) throws Exception {
    if (request == null) {
      throw new IllegalArgumentException("the request needs a JSON body: {\"ttlSeconds\": N}");
    }
    SteeringService steering = steering();
    steering.service(id).orElseThrow(() -> new NotFoundException("no service " + id));
    ServiceInfo refreshed = steering.refresh(id, Duration.ofSeconds(request.ttlSeconds()));
    return view(steering, refreshed, ServiceEntries.read(services.switches(), id));
  }

  @DELETE
  @Path("/{id}")
  @Doc("Deletes a service: its entries leave the switches (confirmed), its module the nodes")
  @Returns(value = Void.class, status = 204, description = "deleted")
  public Response delete(@PathParam("id") int id) throws Exception {
    SteeringService steering = steering();
    steering.service(id).orElseThrow(() -> new NotFoundException("no service " + id));
    steering.remove(id).get(ModuleDeployments.INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return Response.noContent().build();
  }

  static SteeringMode modeOf(Optional<String> mode) {
    String m = mode.orElse("reactive");
    return switch (m) {
      case "reactive" -> SteeringMode.REACTIVE;
      case "proactive" -> SteeringMode.PROACTIVE;
      default -> throw new IllegalArgumentException("mode must be reactive or proactive, was '" + m + "'");
    };
  }

  private ServiceView view(SteeringService steering, ServiceInfo s, Map<Integer, List<ServiceView.Entry>> entries) {
    List<ServiceView.Entry> own = entries.getOrDefault(s.id(), List.of());
    List<String> nodes = steering.nodes().stream()
        .filter(n -> n.spec().pool().equals(s.request().pool()) && n.healthy() && !n.draining())
        .map(NodeInfo::spec).map(spec -> spec.id()).sorted().toList();
    Optional<ModuleDeployments.Deployed> deployed = deployments.flatMap(d -> d.deployed(s.id()));
    if (deployed.isPresent()) {
      nodes = deployed.get().nodes();
    }
    return new ServiceView(s.id(), s.request().name(), s.request().user(), FilterJson.of(s.request().filter()),
        s.request().pool(), s.request().mode().name().toLowerCase(java.util.Locale.ROOT), "active",
        s.registeredAt(), s.expiresAt(), deployed.map(ModuleDeployments.Deployed::module), nodes, own,
        new ServiceView.Counters(own.stream().mapToLong(ServiceView.Entry::packets).sum(),
            own.stream().mapToLong(ServiceView.Entry::bytes).sum()));
  }

  private SteeringService steering() {
    return services.steering().orElseThrow(ServicesResource::noSteering);
  }

  private static ServiceUnavailableException noSteering() {
    return new ServiceUnavailableException("the steering module does not run on this controller");
  }
}
