package org.netservof.bridge.signaling;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.PublisherChannelService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SignalingService;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.api.UserDirectory;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.MetricsService;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.SwitchSetup;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.SwitchSetupStage;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.util.NamedThreads;
import org.netservof.controller.util.Periodic;
import org.netservof.protocol.url.UrlPolicy;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NetServ signaling: SETUP, REMOVE, PROBE and TRIGGER caught where they enter the fabric, checked against the
 * configured users, acted on, and passed on along their path. Users are read again on reconfiguration
 * (SIGHUP) without touching running services.
 */
public final class SignalingModule extends BaseModule {
  private static final Logger log = LoggerFactory.getLogger(SignalingModule.class);
  public static final ConfigKey<SignalingConfig> SIGNALING = new ConfigKey<>("signaling", new TypeReference<>() {},
      SignalingConfig.DEFAULTS, "Signaling: this domain's name in response stacks, the pool SETUPs install on, the "
          + "steering mode of signaled services, how long to wait for domains further along, the timestamp "
          + "window, and the bounds on requests waiting for answers and on nonces remembered per user.");
  public static final ConfigKey<List<UserConfig>> USERS = new ConfigKey<>("users", new TypeReference<>() {},
      List.of(), "Users who may signal: name, public-key-file, filter-prefixes, protocols, max-services, "
          + "max-rate-kbps (all required), and listen-ports (optional: udp:PORT and tcp:PORT their server "
          + "modules may listen on at a node's service address) and connect-to (optional: PREFIX:PORT and "
          + "PREFIX:PORT-PORT their modules may open TCP connections to). Read again on SIGHUP.");
  public static final ConfigKey<List<String>> NOTIFICATION_URLS = new ConfigKey<>("notification-urls",
      new TypeReference<>() {}, List.of(), "URL prefixes a request's notification URL must lie under (whatever "
          + "their address); empty: any URL whose host is not a loopback, private or other special address.");

  /** The store of verified requests' nonces: replay protection that outlives a restart. */
  public static final String NONCE_STORE = "signaling-nonces";

  /** Requests waiting for a worker before new ones are refused (503). */
  private static final int MAX_QUEUED = 4096;

  private final Users users = new Users();
  private final SwitchSetup capture = SwitchSetup.fixed(sw -> CaptureEntries.all(sw.factory()));
  private OnPathRelay relay;
  private SignaledServices services;
  private Optional<NodeAgentService> agents = Optional.empty();

  public SignalingModule() {
    super("signaling", Set.of(UserDirectory.class, SignalingService.class), Set.of(SwitchService.class,
        SwitchSetupService.class, OFMessageService.class, HostService.class, SteeringService.class,
        SteeringAdminService.class, NodePoolService.class, DeploymentService.class, PublisherChannelService.class,
        StoreService.class, TopologyService.class, MetricsService.class),
        List.of(SIGNALING, USERS, NOTIFICATION_URLS));
  }

  /** The node agents, when there are any, are told the users' listen grants. */
  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return Set.of(NodeAgentService.class);
  }

  @Override
  public void init(ModuleContext context) {
    SignalingConfig config = context.config(SIGNALING);
    users.replace(context.config(USERS));
    agents = context.optionalService(NodeAgentService.class);
    agents.ifPresent(a -> a.listenGrants(users.listenGrants()));
    services = new SignaledServices(context.service(SteeringService.class),
        context.service(SteeringAdminService.class), context.service(DeploymentService.class),
        context.service(PublisherChannelService.class), config);
    SignalingCounters counters = new SignalingCounters();
    Notifier notifier = new Notifier(new UrlPolicy(NOTIFICATION_URLS.name(), context.config(NOTIFICATION_URLS)),
        services::runs);
    onShutDown(notifier::shutDown);
    listen(context.service(PublisherChannelService.class), notifier);
    SignalProcessor processor = new SignalProcessor(config.domain(), new Authenticator(users, context.clock(),
        config.timestampWindow(), config.maxNoncesPerUser(), counters, context.service(StoreService.class)
        .open(NONCE_STORE, String.class, SeenNonce.class)), services,
        context.service(NodePoolService.class), notifier,
        new SignalingMeters(context.service(MetricsService.class).registry()), context.clock());
    ScheduledExecutorService timer = Periodic.timer("signaling");
    // One worker per core verifies and acts; a bounded queue, so a flood of requests is refused, not hoarded.
    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService workers = new ThreadPoolExecutor(cores, cores, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(MAX_QUEUED), NamedThreads.daemon("signaling-worker"));
    SignalSender sender = new SignalSender(context.service(SwitchService.class), context.service(HostService.class),
        context.service(TopologyService.class), counters);
    relay = new OnPathRelay(processor, workers, sender, timer, config, counters, context.clock());
    onShutDown(relay::clear);
    onShutDown(workers::shutdownNow);
    onShutDown(timer::shutdownNow);
    context.provide(UserDirectory.class, new UserViews(users, services));
    context.provide(SignalingService.class, counters);
  }

  @Override
  public void startUp(ModuleContext context) {
    listen(context.service(SteeringService.class), services);
    // Users' caps are steering's state, not intent: the services a restart brings back get theirs again now.
    services.applyRates(users);
    listen(context.service(OFMessageService.class), OFType.PACKET_IN, PacketInStage.SIGNAL, OnPathRelay.NAME,
        relay);
    SwitchSetupService setups = context.service(SwitchSetupService.class);
    setups.addSetup(SwitchSetupStage.CAPTURE, "signaling-capture", capture);
    onShutDown(() -> setups.removeSetup(capture));
    log.info("signaling on UDP port {} as domain '{}' for {} user(s)", SignalFrames.PORT,
        context.config(SIGNALING).domain(), users.size());
  }

  @Override
  public void reconfigure(ModuleContext context) {
    try {
      users.replace(context.config(USERS));
      services.applyRates(users);
      agents.ifPresent(a -> a.listenGrants(users.listenGrants())); // a narrowed or revoked grant, at once
      log.info("users read again: {} user(s); running services keep going, under their user's new cap",
          users.size());
    } catch (IllegalArgumentException e) {
      log.error("users not changed: {}", e.getMessage());
    }
  }
}
