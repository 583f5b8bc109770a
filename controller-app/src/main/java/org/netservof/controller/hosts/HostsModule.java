package org.netservof.controller.hosts;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.MetricsService;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.LinkAdminService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.util.NamedThreads;
import org.netservof.controller.util.Periodic;
import org.netservof.controller.util.SharedStore;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Host tracking at the fabric's edge; provides {@link HostService}. */
public final class HostsModule extends BaseModule {
  private static final Logger log = LoggerFactory.getLogger(HostsModule.class);
  public static final ConfigKey<HostsConfig> HOSTS = new ConfigKey<>("hosts", new TypeReference<>() {},
      HostsConfig.DEFAULTS, "Host tracking: how long a silent host is remembered, and how many hosts at most.");

  private HostManager manager;
  private HostsConfig config;
  /** Writes to the shared store, off the PacketIn threads (an etcd write is a round trip). */
  private final ExecutorService writes = Executors.newSingleThreadExecutor(NamedThreads.daemon("host-exchange"));

  public HostsModule() {
    super(HostManager.NAME, Set.of(HostService.class),
        Set.of(SwitchService.class, OFMessageService.class, TopologyService.class, LinkAdminService.class,
            ServicePortService.class, MetricsService.class),
        List.of(HOSTS));
  }

  @Override
  public void init(ModuleContext context) {
    config = context.config(HOSTS);
    // In a cluster, hosts go through the shared store, so every member knows every host; alone, memory.
    SharedHosts shared = SharedStore.choose(context, "hosts",
        (stores, member) -> SharedHosts.shared(stores, member, writes), SharedHosts::alone);
    manager = new HostManager(context.service(TopologyService.class), context.service(LinkAdminService.class),
        config, context.clock(), shared, context.service(ServicePortService.class)::hostAt);
    onShutDown(writes::shutdownNow);
    onShutDown(manager::close);
    context.provide(HostService.class, manager);
    gauge(context.service(MetricsService.class), "netserv.hosts", "Hosts this controller knows at the fabric's edge",
        () -> manager.hosts().size());
  }

  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return SharedStore.WANTS;
  }

  @Override
  public void startUp(ModuleContext context) {
    listen(context.service(OFMessageService.class), OFType.PACKET_IN, PacketInStage.LEARN, HostManager.NAME, manager);
    listen(context.service(SwitchService.class), manager);
    listen(context.service(TopologyService.class), manager);
    ScheduledExecutorService timer = Periodic.timer("hosts");
    onShutDown(timer::shutdownNow);
    Duration period = Duration.ofMillis(Math.max(1000, config.idleTimeout().toMillis() / 10));
    Periodic.every(timer, period, period, log, "host aging", manager::expire);
  }
}
