package org.netservof.bridge.steering;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ReconcileService;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.MetricsService;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.RouteService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.util.Periodic;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steering NetServ services through pools of service nodes; provides the steering and node pool services
 * ({@link SteeringService}, {@link SteeringAdminService}, {@link NodePoolService}, {@link NodePoolAdminService},
 * and the node channel's {@link NodeHealthService}).
 */
public final class SteeringModule extends BaseModule {
  private static final Logger log = LoggerFactory.getLogger(SteeringModule.class);
  public static final ConfigKey<SteeringConfig> STEERING = new ConfigKey<>("steering", new TypeReference<>() {},
      SteeringConfig.DEFAULTS, "Steering: the VLAN ids used as node marks, the idle timeout of reactive per-flow "
          + "entries, how proactive services spread flows, the audit interval, and nodes to add at start-up.");

  public static final ConfigKey<Duration> SERVICE_STATS_INTERVAL = new ConfigKey<>("service-stats-interval",
      new TypeReference<>() {}, Duration.ofSeconds(10), "How often the switches' flow and meter statistics are read "
          + "for the services' packet and byte counters and the users' meter drops (metrics; violation events).");

  private SteeringConfig config;
  private Duration statsInterval;
  private Steering steering;
  private SteeringMetrics metrics;

  public SteeringModule() {
    super("steering", Set.of(SteeringService.class, SteeringAdminService.class, NodePoolService.class,
        NodePoolAdminService.class, NodeHealthService.class, ReconcileService.class), Set.of(SwitchService.class,
        OFMessageService.class, TopologyService.class, ServicePortService.class, RouteService.class,
        StoreService.class, MetricsService.class), List.of(STEERING, SERVICE_STATS_INTERVAL));
  }

  @Override
  public void init(ModuleContext context) {
    config = context.config(STEERING);
    statsInterval = context.config(SERVICE_STATS_INTERVAL);
    if (statsInterval.toMillis() < 100) {
      throw new IllegalArgumentException("service-stats-interval must be at least 100ms, was " + statsInterval);
    }
    steering = Steering.assemble(context.service(StoreService.class), config, context.service(SwitchService.class),
        context.service(TopologyService.class), context.service(ServicePortService.class),
        context.service(RouteService.class), context.clock());
    context.provide(SteeringService.class, steering.registry());
    context.provide(SteeringAdminService.class, steering.registry());
    context.provide(NodePoolService.class, steering.pool());
    context.provide(NodePoolAdminService.class, steering.pool());
    context.provide(NodeHealthService.class, steering.pool());
    context.provide(ReconcileService.class, steering.installer().repairs());
    onShutDown(steering::close);
    metrics = SteeringMetrics.bind(context.service(MetricsService.class).registry(), steering,
        context.service(SwitchService.class), context.clock());
  }

  @Override
  public void startUp(ModuleContext context) throws SteeringException {
    OFMessageService messages = context.service(OFMessageService.class);
    listen(messages, OFType.PACKET_IN, PacketInStage.STEER, ReactiveSteering.NAME, steering.reactive());
    listen(messages, OFType.FLOW_REMOVED, PacketInStage.STEER, ReactiveSteering.NAME, steering.reactive());
    listen(messages, OFType.FLOW_REMOVED, PacketInStage.STEER, "steering-counters", metrics.services());
    listen(context.service(SwitchService.class), steering.fabricEvents());
    listen(context.service(TopologyService.class), steering.fabricEvents());
    steering.pool().restore();
    for (SteeringConfig.NodeConfig n : config.nodes()) {
      addConfigured(n);
    }
    ScheduledExecutorService timer = Periodic.timer("steering-ttl");
    steering.registry().expireDue(); // leases that ran out while the controller was down end now, not a tick later
    onShutDown(timer::shutdownNow);
    Periodic.every(timer, Duration.ofSeconds(1), Duration.ofSeconds(1), log, "service expiry",
        steering.registry()::expireDue);
    // Switches connected before steering listened are audited here too, within one interval.
    Periodic.every(timer, config.reconcileInterval(), config.reconcileInterval(), log, "steering audit",
        () -> steering.installer().auditAll("periodic audit"));
    ScheduledExecutorService stats = Periodic.timer("steering-stats"); // reads wait for switches: not the ttl's
    onShutDown(stats::shutdownNow);
    Periodic.every(stats, statsInterval, statsInterval, log, "service statistics", metrics.poller());
  }

  /**
   * Adds a node of {@code steering.nodes}; one the store kept from before a restart stays as it is (drain state
   * and all), unless the configuration changed it.
   */
  private void addConfigured(SteeringConfig.NodeConfig n) throws SteeringException {
    NodeSpec spec;
    try {
      spec = new NodeSpec(n.id(), n.pool(), new SwitchPort(DatapathId.of(n.dpid()), OFPort.of(n.port())),
          MacAddress.of(n.mac()), n.weight());
    } catch (IllegalArgumentException e) {
      throw new SteeringException("steering.nodes: node '" + n.id() + "': " + e.getMessage());
    }
    Optional<NodeView> kept = steering.pool().node(n.id());
    if (kept.isPresent() && kept.get().spec().equals(spec)) {
      return;
    }
    if (kept.isPresent()) {
      log.info("steering.nodes: node '{}' changed since the store kept it ({} -> {})", n.id(), kept.get().spec(),
          spec);
      steering.pool().removeNode(n.id());
    }
    steering.pool().addNode(spec);
  }
}
