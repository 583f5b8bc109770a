package org.netservof.bridge.steering;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
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
  private SteeringManager manager;
  private ReactiveSteering reactive;
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
    return Set.of(SteeringService.class);
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of(SwitchService.class, OFMessageService.class, TopologyService.class, ServicePortService.class,
        RouteService.class);
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
    FlowTracker flows = new FlowTracker();
    manager = new SteeringManager(switches, topology, context.service(ServicePortService.class), config,
        context.clock(), flows);
    reactive = new ReactiveSteering(manager, topology, context.service(RouteService.class), flows,
        config.flowIdleTimeout());
    context.provide(SteeringService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) throws SteeringException {
    messages.addListener(OFType.PACKET_IN, PacketInStage.STEER, ReactiveSteering.NAME, reactive);
    messages.addListener(OFType.FLOW_REMOVED, PacketInStage.STEER, ReactiveSteering.NAME, reactive);
    switches.addListener(manager);
    topology.addListener(manager);
    for (SteeringConfig.NodeConfig n : config.nodes()) {
      try {
        manager.addNode(new NodeSpec(n.id(), n.pool(), new SwitchPort(DatapathId.of(n.dpid()), OFPort.of(n.port())),
            MacAddress.of(n.mac()), n.weight()));
      } catch (IllegalArgumentException e) {
        throw new SteeringException("steering.nodes: node '" + n.id() + "': " + e.getMessage());
      }
    }
    timer = Periodic.timer("steering-ttl");
    Periodic.every(timer, Duration.ofSeconds(1), Duration.ofSeconds(1), log, "service expiry", manager::expireDue);
  }

  @Override
  public void shutDown() {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (messages != null) {
      messages.removeListener(OFType.PACKET_IN, reactive);
      messages.removeListener(OFType.FLOW_REMOVED, reactive);
      switches.removeListener(manager);
      topology.removeListener(manager);
    }
    if (manager != null) {
      manager.shutDown();
    }
  }
}
