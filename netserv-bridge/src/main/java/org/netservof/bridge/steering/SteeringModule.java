package org.netservof.bridge.steering;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.RouteService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.util.Periodic;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Steering NetServ services through pools of service nodes; provides {@link SteeringService}. */
public final class SteeringModule implements ControllerModule {
  private static final Logger log = LoggerFactory.getLogger(SteeringModule.class);
  public static final ConfigKey<SteeringConfig> STEERING = new ConfigKey<>("steering", new TypeReference<>() {},
      SteeringConfig.DEFAULTS, "Steering: the VLAN ids used as node marks, the idle timeout of reactive per-flow "
          + "entries, how proactive services spread flows, and nodes to add at start-up.");

  private SteeringConfig config;
  private Steering steering;
  private SwitchService switches;
  private OFMessageService messages;
  private TopologyService topology;
  private ScheduledExecutorService timer;

  @Override
  public String name() {
    return "steering";
  }

  @Override
  public Set<Class<?>> provides() {
    return Set.of(SteeringService.class, SteeringAdminService.class, NodePoolService.class,
        NodePoolAdminService.class, NodeHealthService.class);
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of(SwitchService.class, OFMessageService.class, TopologyService.class, ServicePortService.class,
        RouteService.class, StoreService.class);
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(STEERING);
  }

  @Override
  public void init(ModuleContext context) {
    config = context.config(STEERING);
    switches = context.service(SwitchService.class);
    messages = context.service(OFMessageService.class);
    topology = context.service(TopologyService.class);
    StoreService stores = context.service(StoreService.class);
    steering = Steering.assemble(BridgeStores.services(stores), BridgeStores.nodes(stores), config, switches,
        topology, context.service(ServicePortService.class), context.service(RouteService.class), context.clock());
    ServiceRegistry registry = steering.registry();
    NodePool pool = steering.pool();
    context.provide(SteeringService.class, registry);
    context.provide(SteeringAdminService.class, registry);
    context.provide(NodePoolService.class, pool);
    context.provide(NodePoolAdminService.class, pool);
    context.provide(NodeHealthService.class, pool);
  }

  @Override
  public void startUp(ModuleContext context) throws SteeringException {
    messages.addListener(OFType.PACKET_IN, steering.reactive());
    messages.addListener(OFType.FLOW_REMOVED, steering.reactive());
    switches.addListener(steering.fabricEvents());
    topology.addListener(steering.fabricEvents());
    for (SteeringConfig.NodeConfig n : config.nodes()) {
      try {
        steering.pool().addNode(new NodeSpec(n.id(), n.pool(), new SwitchPort(DatapathId.of(n.dpid()),
            OFPort.of(n.port())), MacAddress.of(n.mac()), n.weight()));
      } catch (IllegalArgumentException e) {
        throw new SteeringException("steering.nodes: node '" + n.id() + "': " + e.getMessage());
      }
    }
    timer = Periodic.timer("steering-ttl");
    Periodic.every(timer, Duration.ofSeconds(1), Duration.ofSeconds(1), log, "service expiry",
        steering.registry()::expireDue);
  }

  @Override
  public void shutDown() {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (messages != null) {
      messages.removeListener(OFType.PACKET_IN, steering.reactive());
      messages.removeListener(OFType.FLOW_REMOVED, steering.reactive());
      switches.removeListener(steering.fabricEvents());
      topology.removeListener(steering.fabricEvents());
    }
    if (steering != null) {
      steering.close();
    }
  }
}
