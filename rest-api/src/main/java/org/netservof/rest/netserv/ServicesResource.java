package org.netservof.rest.netserv;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.Deploying;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.rest.server.NetServServices;
import org.netservof.rest.server.RestServices;

/**
 * {@code /netserv/v1/services}: steered services, created here or by signaling, with their nodes, their
 * entries on the switches and the entries' counters. Creation is a deployment, as a signaled SETUP is: this
 * resource only translates JSON onto the deployment service.
 */
@Path("/netserv/v1/services")
@Produces(MediaType.APPLICATION_JSON)
public final class ServicesResource {
  /** The longest a request waits for a switch or a deployment before it is answered anyway. */
  static final int MAX_WAIT_SECONDS = 60;
  private final RestServices services;

  public ServicesResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Doc("Every service, with its nodes, entries and counters")
  public List<ServiceView> list() {
    NetServServices netserv = netserv(services);
    Map<Integer, List<ServiceView.Entry>> entries = ServiceEntries.read(services.switches());
    return netserv.steering().services().stream().map(s -> view(netserv, s, entries)).toList();
  }

  @GET
  @Path("/{id}")
  @Doc("One service, with its nodes, entries and counters")
  public ServiceView get(@PathParam("id") int id) {
    NetServServices netserv = netserv(services);
    ServiceInfo s = netserv.steering().service(id).orElseThrow(() -> new NotFoundException("no service " + id));
    return view(netserv, s, ServiceEntries.read(services.switches(), id));
  }

  @POST
  @Doc("Creates a service: installs its module on the nodes (if it names one), then steers its filter there; "
      + "waits up to 'wait' seconds (default 30, at most 60) and answers 202 with the deployment if it is not done")
  @Returns(value = ServiceView.class, status = 201, description = "the service, steered and confirmed")
  public Response create(ServiceCreate request, @QueryParam("wait") @DefaultValue("30") int waitSeconds,
      @Context UriInfo uri, @Context SecurityContext caller) throws Exception {
    if (request == null) {
      throw new IllegalArgumentException("the request needs a JSON body");
    }
    if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
      throw new IllegalArgumentException("wait must be 0.." + MAX_WAIT_SECONDS + " seconds, was " + waitSeconds);
    }
    NetServServices netserv = netserv(services);
    UserGrants.check(caller, services.users(), request.user(), request.filter().toFilter());
    Deploying deploying = netserv.deployments().deploy(deploymentOf(netserv, request));
    Deployment done;
    try {
      done = deploying.done().get(waitSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return stillInstalling(netserv, uri, deploying.id());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    int id = done.serviceId().orElseThrow();
    ServiceInfo created = netserv.steering().service(id).orElseThrow(() -> new NotFoundException("service " + id
        + " ended before it could be shown"));
    return Response.created(URI.create(uri.getBaseUri() + "netserv/v1/services/" + id))
        .entity(view(netserv, created, ServiceEntries.read(services.switches(), id))).build();
  }

  /** 202: the deployment goes on; the client follows it under /deployments. */
  private static Response stillInstalling(NetServServices netserv, UriInfo uri, int id) {
    Deployment now = netserv.deployments().deployment(id).orElseThrow(() -> new NotFoundException("deployment "
        + id + " ended while it was being answered; see the audit log and events"));
    return Response.accepted(DeploymentJson.of(now))
        .location(URI.create(uri.getBaseUri() + "netserv/v1/deployments/" + id)).build();
  }

  private DeploymentRequest deploymentOf(NetServServices netserv, ServiceCreate request) {
    String pool = request.pool().orElseGet(() -> netserv.pools().node(request.node().orElseThrow())
        .map(n -> n.spec().pool()).orElseThrow(() -> new NotFoundException("no node '" + request.node().get() + "'")));
    ServiceRequest steered = new ServiceRequest(request.name(), request.filter().toFilter(), pool,
        modeOf(request.mode()), request.ttlSeconds().map(Duration::ofSeconds), request.user());
    return new DeploymentRequest(Deployment.Origin.API, steered,
        request.module().map(m -> m.toInstall(request.user().orElseThrow())), request.node(), List.of());
  }

  @POST
  @Path("/{id}/refresh")
  @Doc("Gives a service a new lifetime from now")
  public ServiceView refresh(@PathParam("id") int id, RefreshRequest request) throws Exception {
    if (request == null) {
      throw new IllegalArgumentException("the request needs a JSON body: {\"ttlSeconds\": N}");
    }
    NetServServices netserv = netserv(services);
    netserv.steering().service(id).orElseThrow(() -> new NotFoundException("no service " + id));
    ServiceInfo refreshed = netserv.steeringAdmin().refresh(id, Duration.ofSeconds(request.ttlSeconds()));
    return view(netserv, refreshed, ServiceEntries.read(services.switches(), id));
  }

  @GET
  @Path("/{id}/reports")
  @Doc("The latest report the service's module published on each node that runs it (the publisher channel)")
  public ServiceReports reports(@PathParam("id") int id) {
    NetServServices netserv = netserv(services);
    ModuleInstall m = moduleOf(netserv, id);
    Map<String, ServiceReports.Report> out = new java.util.TreeMap<>();
    netserv.channel().reports(m.user(), m.module()).forEach((node, r) -> out.put(node,
        new ServiceReports.Report(r.at(), r.report())));
    return new ServiceReports(id, m.user(), m.module(), out);
  }

  @POST
  @Path("/{id}/properties")
  @Doc("New properties for the service's running module, applied by its update on every node that runs it "
      + "without a restart (as the same SETUP with other properties); held to the user's grant as a create is")
  public PropertiesUpdate.Applied updateProperties(@PathParam("id") int id, PropertiesUpdate request,
      @Context SecurityContext caller) throws Exception {
    if (request == null) {
      throw new IllegalArgumentException("the request needs a JSON body: {\"properties\": {\"key\": \"value\"}}");
    }
    NetServServices netserv = netserv(services);
    ServiceInfo s = netserv.steering().service(id).orElseThrow(() -> new NotFoundException("no service " + id));
    UserGrants.check(caller, services.users(), s.request().user(), s.request().filter());
    ModuleInstall m = moduleOf(netserv, id);
    try {
      String detail = netserv.channel().update(m.user(), m.module(), request.properties(), Deployment.Origin.API)
          .get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
      return new PropertiesUpdate.Applied(id, m.module(), detail);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static ModuleInstall moduleOf(NetServServices netserv, int id) {
    netserv.steering().service(id).orElseThrow(() -> new NotFoundException("no service " + id));
    return netserv.deployments().deploymentOfService(id).flatMap(Deployment::module).orElseThrow(
        () -> new NotFoundException("service " + id + " runs no module"));
  }

  @DELETE
  @Path("/{id}")
  @Doc("Deletes a service: its entries leave the switches (confirmed), its module the nodes no other service "
      + "needs it on")
  @Returns(value = Void.class, status = 204, description = "deleted")
  public Response delete(@PathParam("id") int id) throws Exception {
    NetServServices netserv = netserv(services);
    netserv.steering().service(id).orElseThrow(() -> new NotFoundException("no service " + id));
    netserv.steeringAdmin().remove(id).get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
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

  private static ServiceView view(NetServServices netserv, ServiceInfo s,
      Map<Integer, List<ServiceView.Entry>> entries) {
    List<ServiceView.Entry> own = entries.getOrDefault(s.id(), List.of());
    Optional<Deployment> deployed = netserv.deployments().deploymentOfService(s.id());
    List<String> nodes = deployed.filter(d -> d.module().isPresent()).map(Deployment::nodes)
        .orElseGet(() -> netserv.pools().nodes().stream().filter(n -> n.spec().pool().equals(s.request().pool())
            && n.takesNewFlows()).map(NodeView::id).toList());
    return new ServiceView(s.id(), s.request().name(), s.request().user(), FilterJson.of(s.request().filter()),
        s.request().pool(), s.request().mode().name().toLowerCase(java.util.Locale.ROOT), "active",
        s.registeredAt(), s.expiresAt(), deployed.flatMap(Deployment::module).map(ModuleJson::of), nodes,
        deployed.filter(d -> d.module().isPresent()).map(d -> addresses(netserv, d.nodes())).orElse(List.of()), own,
        new ServiceView.Counters(own.stream().mapToLong(ServiceView.Entry::packets).sum(),
            own.stream().mapToLong(ServiceView.Entry::bytes).sum()));
  }

  /** The service addresses of these nodes, those that have one. */
  private static List<String> addresses(NetServServices netserv, List<String> nodes) {
    return nodes.stream().flatMap(id -> netserv.pools().node(id).flatMap(NodeView::agent)
        .flatMap(AgentView::serviceAddress).stream()).sorted().toList();
  }

  static NetServServices netserv(RestServices services) {
    return services.netserv().orElseThrow(() -> new ServiceUnavailableException(
        "the steering module does not run on this controller"));
  }
}
