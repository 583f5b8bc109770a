package org.netservof.controller.topology;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.util.Periodic;

/** The fabric as a graph: paths, edge ports, the broadcast tree; provides {@link TopologyService}. */
public final class TopologyModule implements ControllerModule {
  public static final ConfigKey<TopologyConfig> TOPOLOGY = new ConfigKey<>("topology", new TypeReference<>() {},
      TopologyConfig.DEFAULTS, "Topology: quarantine of new ports, link weights (default 1 = hop count), "
          + "equal-cost paths kept.");

  private TopologyManager manager;
  private SwitchService switches;
  private LinkService links;
  private ServicePortService servicePorts;
  private final Runnable onServicePortChange = () -> manager.recompute();
  private ScheduledExecutorService timer;

  @Override
  public String name() {
    return "topology";
  }

  @Override
  public Set<Class<?>> provides() {
    return Set.of(TopologyService.class);
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of(SwitchService.class, LinkService.class, ServicePortService.class);
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(TOPOLOGY);
  }

  @Override
  public void init(ModuleContext context) {
    switches = context.service(SwitchService.class);
    links = context.service(LinkService.class);
    servicePorts = context.service(ServicePortService.class);
    timer = Periodic.timer("topology");
    manager = new TopologyManager(switches, links, servicePorts, context.config(TOPOLOGY), context.clock(), timer);
    context.provide(TopologyService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) {
    switches.addListener(manager);
    links.addListener(manager);
    servicePorts.addListener(onServicePortChange);
    manager.recompute();
  }

  @Override
  public void shutDown() {
    if (switches != null) {
      switches.removeListener(manager);
      links.removeListener(manager);
      servicePorts.removeListener(onServicePortChange);
    }
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
