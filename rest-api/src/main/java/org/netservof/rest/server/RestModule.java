package org.netservof.rest.server;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.PublisherChannelService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.api.SignalingService;
import org.netservof.bridge.api.UserDirectory;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.api.MetricsService;
import org.netservof.controller.api.ModuleCatalog;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.cluster.MastershipService;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.api.staticentry.StaticEntryAdminService;
import org.netservof.controller.api.statistics.StatisticsAdminService;
import org.netservof.controller.api.statistics.StatisticsService;
import org.netservof.controller.api.staticentry.StaticEntryService;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The northbound REST API as a controller module: Floodlight's core endpoints under {@code /wm} and the
 * NetServ API under {@code /netserv/v1}, on Jersey and Grizzly. The socket opens once every module has
 * started. Operators' tokens and the read policy are read again on SIGHUP; the address and TLS are not.
 */
public final class RestModule extends BaseModule {
  private static final Logger log = LoggerFactory.getLogger(RestModule.class);

  public static final ConfigKey<HostPort> REST_LISTEN = new ConfigKey<>("rest-listen", new TypeReference<>() {},
      HostPort.parse("127.0.0.1:8080"), "Where the REST API listens (HOST:PORT; port 0 picks a free one).");
  public static final ConfigKey<List<RestConfig.Operator>> REST_TOKENS = new ConfigKey<>("rest-tokens",
      new TypeReference<>() {}, List.of(), "The REST API's operators: a list of name, token-file (the file holds "
          + "the bearer token) and scope (read, write or admin; write when left out). With none, the API takes "
          + "no writes.");
  public static final ConfigKey<Boolean> REST_READS_NEED_TOKEN = new ConfigKey<>("rest-reads-need-token",
      new TypeReference<>() {}, false, "Whether reads need an operator's token too; off loopback they always do.");
  public static final ConfigKey<List<String>> REST_CORS_ORIGINS = new ConfigKey<>("rest-cors-origins",
      new TypeReference<>() {}, List.of(), "Browser origins (scheme://host[:port]) whose pages may call the API "
          + "(CORS); empty: none, the default. Exact matches only: no wildcards, never null.");
  public static final ConfigKey<RestConfig.Tls> REST_TLS = new ConfigKey<>("rest-tls", new TypeReference<>() {},
      RestConfig.Tls.NONE, "HTTPS: key-store (PKCS#12) and password-file; empty key-store for plain HTTP.");

  /**
   * Jersey checks every registered object for provider interfaces and warns (on java.util.logging) about each
   * resource instance, though it serves them as resources; the tests call every one. Held here: JUL keeps
   * loggers weakly, and a collected one would forget its level.
   */
  private final java.util.logging.Logger jerseyProviders = quiet("org.glassfish.jersey.internal.inject.Providers");
  private AuditLog audit;
  private StoreAdminService store;
  private volatile Operators operators = Operators.none();
  private volatile boolean readsNeedToken;
  private volatile CorsPolicy cors = CorsPolicy.of(List.of());
  private FloodlightServices floodlight;
  private RestServices services;
  private HostPort listen;
  private RestConfig.Tls tls;
  private volatile RestServer server;
  private RestApplication application;
  private MetricsService metrics;

  public RestModule() {
    super("rest", Set.of(), Set.of(SwitchService.class, OFMessageService.class, TopologyService.class,
        LinkService.class, HostService.class, StaticEntryService.class, StaticEntryAdminService.class,
        StoreService.class, StoreAdminService.class, MetricsService.class, StatisticsService.class,
        StatisticsAdminService.class), List.of(REST_LISTEN, REST_TOKENS, REST_READS_NEED_TOKEN, REST_CORS_ORIGINS,
        REST_TLS));
  }

  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return Set.of(SteeringService.class, SteeringAdminService.class, NodePoolService.class,
        NodePoolAdminService.class, DeploymentService.class, PublisherChannelService.class, UserDirectory.class,
        SignalingService.class,
        ClusterService.class, MastershipService.class, ModuleCatalog.class);
  }

  @Override
  public void init(ModuleContext context) {
    listen = context.config(REST_LISTEN);
    tls = context.config(REST_TLS);
    operators = Operators.load(context.config(REST_TOKENS));
    readsNeedToken = ReadPolicy.readsNeedToken(listen, context.config(REST_READS_NEED_TOKEN));
    cors = CorsPolicy.of(context.config(REST_CORS_ORIGINS));
    floodlight = new FloodlightServices(context.service(StatisticsService.class),
        context.service(StatisticsAdminService.class), context.optionalService(ModuleCatalog.class).orElse(List::of),
        context.service(StoreService.class));
    audit = new AuditLog(context.service(StoreService.class).open(AuditLog.STORE, Long.class, AuditLog.Entry.class));
    store = context.service(StoreAdminService.class);
    metrics = context.service(MetricsService.class);
    context.optionalService(SteeringService.class).ifPresent(s -> listen(s, new ReconcileAudit(audit, context.clock())));
    services = new RestServices(context.service(SwitchService.class), context.service(OFMessageService.class),
        context.service(TopologyService.class), context.service(LinkService.class),
        context.service(HostService.class), context.service(StaticEntryService.class),
        context.service(StaticEntryAdminService.class), netserv(context), context.optionalService(UserDirectory.class),
        context.optionalService(SignalingService.class), cluster(context), context.clock(), context.clock().instant());
  }

  /** The cluster module's services, or (no cluster module) those of a controller alone. */
  private ClusterServices cluster(ModuleContext context) {
    Optional<ClusterService> cluster = context.optionalService(ClusterService.class);
    Optional<MastershipService> mastership = context.optionalService(MastershipService.class);
    if (cluster.isPresent() && mastership.isPresent()) {
      return new ClusterServices(cluster.get(), mastership.get());
    }
    return StandaloneCluster.services(context.service(SwitchService.class), this::restUrl, context.clock().instant());
  }

  /** Where this API answers: the bound address once started, the configured one before. */
  private String restUrl() {
    RestServer started = server;
    String hostPort = started == null ? listen.toString()
        : started.address().getHostString() + ":" + started.address().getPort();
    return (tls.enabled() ? "https://" : "http://") + hostPort;
  }

  /** The NetServ services, when the steering and deployment modules run. */
  private static Optional<NetServServices> netserv(ModuleContext context) {
    return context.optionalService(DeploymentService.class).map(deployments -> new NetServServices(
        context.optionalService(SteeringService.class).orElseThrow(),
        context.optionalService(SteeringAdminService.class).orElseThrow(),
        context.optionalService(NodePoolService.class).orElseThrow(),
        context.optionalService(NodePoolAdminService.class).orElseThrow(), deployments,
        context.optionalService(PublisherChannelService.class).orElseThrow()));
  }

  @Override
  public void allStarted() throws Exception {
    application = new RestApplication(services, floodlight, metrics, audit, store, () -> operators,
        () -> readsNeedToken, () -> cors);
    server = RestServer.start(listen, tls, application.config());
    log.info("REST API on {}://{}:{} (operators: {}{})", tls.enabled() ? "https" : "http",
        server.address().getHostString(), server.address().getPort(), operators.describe(),
        readsNeedToken ? "; reads need a token" : "");
  }

  @Override
  public void reconfigure(ModuleContext context) {
    Operators next = Operators.load(context.config(REST_TOKENS)); // a bad file throws: the old tokens stay
    CorsPolicy nextCors = CorsPolicy.of(context.config(REST_CORS_ORIGINS));
    operators = next;
    cors = nextCors;
    readsNeedToken = ReadPolicy.readsNeedToken(listen, context.config(REST_READS_NEED_TOKEN));
    log.info("REST API: operators, read policy and CORS origins read again");
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  /** Where the API listens, once started. */
  public InetSocketAddress address() {
    return server.address();
  }

  /** The audit log; other modules' events are recorded in it with {@link AuditLog#event}. */
  public AuditLog audit() {
    return audit;
  }

  @Override
  public void shutDown() {
    super.shutDown();
    if (server != null) {
      server.close();
    }
    if (application != null) {
      application.close();
    }
  }
}
