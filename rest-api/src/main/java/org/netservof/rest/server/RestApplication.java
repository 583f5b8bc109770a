package org.netservof.rest.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.netservof.controller.api.MetricsService;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.rest.floodlight.ControllerResource;
import org.netservof.rest.floodlight.CoreResource;
import org.netservof.rest.floodlight.DeviceResource;
import org.netservof.rest.floodlight.RoutingResource;
import org.netservof.rest.floodlight.StaticEntryResource;
import org.netservof.rest.floodlight.StaticFlowPusherResource;
import org.netservof.rest.floodlight.StatisticsResource;
import org.netservof.rest.floodlight.SwitchResource;
import org.netservof.rest.floodlight.TopologyResource;
import org.netservof.rest.netserv.AuditResource;
import org.netservof.rest.netserv.ClusterResource;
import org.netservof.rest.netserv.DeploymentsResource;
import org.netservof.rest.netserv.EventsResource;
import org.netservof.rest.netserv.MetricsResource;
import org.netservof.rest.netserv.NodesResource;
import org.netservof.rest.netserv.OpenApiResource;
import org.netservof.rest.netserv.ServicesResource;
import org.netservof.rest.netserv.SignalingResource;
import org.netservof.rest.netserv.StoreResource;
import org.netservof.rest.netserv.SwitchesResource;
import org.netservof.rest.netserv.UsersResource;

/**
 * The API's resources and the filters around them. Resources are built here with the services they call, so
 * each is a plain object with its dependencies in its constructor.
 */
public final class RestApplication implements AutoCloseable {
  private final List<Object> resources = new ArrayList<>();
  private final ResourceConfig config = new ResourceConfig();
  /** What the resources' services hold (listeners on the controller), released by {@link #close()}. */
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** @param cors which browser origins may call the API, read at every request (SIGHUP may change it) */
  public RestApplication(RestServices services, FloodlightServices floodlight, MetricsService metrics,
      AuditLog audit, StoreAdminService store, Supplier<Operators> operators, Supplier<Boolean> readsNeedToken,
      Supplier<CorsPolicy> cors) {
    resources.addAll(floodlightResources(services, floodlight));
    // The NetServ API (org.netservof.rest.netserv).
    EventsResource events = new EventsResource(services);
    closeables.add(events);
    resources.add(new ServicesResource(services));
    resources.add(new DeploymentsResource(services));
    resources.add(new NodesResource(services));
    resources.add(new UsersResource(services));
    resources.add(new SignalingResource(services));
    resources.add(new AuditResource(audit));
    resources.add(new StoreResource(store, services.clock()));
    resources.add(new ClusterResource(services.cluster()));
    resources.add(new SwitchesResource(services.switches(), services.cluster().mastership()));
    resources.add(events);
    resources.add(new MetricsResource(metrics));
    List<Class<?>> documented = new ArrayList<>(resources.stream().<Class<?>>map(Object::getClass).toList());
    resources.add(new OpenApiResource(new OpenApiResource.Described(documented)));

    config.register(new JsonMapper());
    config.register(JacksonFeature.withoutExceptionMappers()); // ours give every error the same JSON body
    config.register(new ApiErrors());
    config.register(new CorsFilter(cors));
    config.register(new ScopeFeature(operators, readsNeedToken));
    config.register(new AuditFilter(audit, services.clock()));
    if (metrics.enabled()) {
      config.register(new RequestMetrics(metrics.registry()));
    }
    resources.forEach(config::register);
    // Jersey's default "Internal Server Error" HTML for a failed mapping is replaced by ApiErrors' JSON.
    config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
  }

  /** Floodlight-compatible endpoints (org.netservof.rest.floodlight). */
  private static List<Object> floodlightResources(RestServices services, FloodlightServices floodlight) {
    return List.of(new CoreResource(services, floodlight), new ControllerResource(services),
        new SwitchResource(services), new TopologyResource(services), new DeviceResource(services),
        new RoutingResource(services),
        new StaticEntryResource(services.staticEntries(), services.staticEntryAdmin(), services.switches()),
        new StaticFlowPusherResource(services.staticEntries(), services.staticEntryAdmin(), services.switches()),
        new StatisticsResource(floodlight.statistics(), floodlight.statisticsAdmin(), services.switches()));
  }

  public ResourceConfig config() {
    return config;
  }

  /** Releases what the resources hold on the controller (switch listeners); called when the module stops. */
  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(RestApplication.class).warn("REST: closing {} failed", c, e);
      }
    }
  }
}
