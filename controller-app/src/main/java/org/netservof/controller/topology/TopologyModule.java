package org.netservof.controller.topology;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.util.Periodic;
import org.netservof.controller.util.SharedStore;

/** The fabric as a graph: paths, edge ports, the broadcast tree; provides {@link TopologyService}. */
public final class TopologyModule extends BaseModule {
  public static final ConfigKey<TopologyConfig> TOPOLOGY = new ConfigKey<>("topology", new TypeReference<>() {},
      TopologyConfig.DEFAULTS, "Topology: quarantine of new ports, link weights (default 1 = hop count), "
          + "equal-cost paths kept.");

  private TopologyManager manager;
  private final Runnable onServicePortChange = () -> manager.recompute();

  public TopologyModule() {
    super("topology", Set.of(TopologyService.class),
        Set.of(SwitchService.class, LinkService.class, ServicePortService.class), List.of(TOPOLOGY));
  }

  /** In a cluster, the switches other members master are in the topology through their links. */
  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return SharedStore.WANTS;
  }

  @Override
  public void init(ModuleContext context) {
    ScheduledExecutorService timer = Periodic.timer("topology");
    onShutDown(timer::shutdownNow);
    manager = new TopologyManager(context.service(SwitchService.class), context.service(LinkService.class),
        context.service(ServicePortService.class), context.config(TOPOLOGY), context.clock(), timer,
        SharedStore.of(context).isPresent());
    context.provide(TopologyService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) {
    listen(context.service(SwitchService.class), manager);
    listen(context.service(LinkService.class), manager);
    listen(context.service(ServicePortService.class), onServicePortChange);
    manager.recompute();
  }
}
