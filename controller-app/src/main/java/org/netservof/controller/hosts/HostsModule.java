package org.netservof.controller.hosts;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.util.Periodic;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Host tracking at the fabric's edge; provides {@link HostService}. */
public final class HostsModule implements ControllerModule {
  private static final Logger log = LoggerFactory.getLogger(HostsModule.class);
  public static final ConfigKey<HostsConfig> HOSTS = new ConfigKey<>("hosts", new TypeReference<>() {},
      HostsConfig.DEFAULTS, "Host tracking: how long a silent host is remembered.");

  private HostManager manager;
  private SwitchService switches;
  private OFMessageService messages;
  private TopologyService topology;
  private ScheduledExecutorService timer;
  private HostsConfig config;

  @Override
  public String name() {
    return HostManager.NAME;
  }

  @Override
  public Set<Class<?>> provides() {
    return Set.of(HostService.class);
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of(SwitchService.class, OFMessageService.class, TopologyService.class);
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(HOSTS);
  }

  @Override
  public void init(ModuleContext context) {
    config = context.config(HOSTS);
    switches = context.service(SwitchService.class);
    messages = context.service(OFMessageService.class);
    topology = context.service(TopologyService.class);
    manager = new HostManager(topology, config, context.clock());
    context.provide(HostService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) {
    messages.addListener(OFType.PACKET_IN, PacketInStage.LEARN, HostManager.NAME, manager);
    switches.addListener(manager);
    topology.addListener(manager);
    timer = Periodic.timer("hosts");
    Duration period = Duration.ofMillis(Math.max(1000, config.idleTimeout().toMillis() / 10));
    Periodic.every(timer, period, period, log, "host aging", manager::expire);
  }

  @Override
  public void shutDown() {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (messages != null) {
      messages.removeListener(OFType.PACKET_IN, manager);
      switches.removeListener(manager);
      topology.removeListener(manager);
    }
  }
}
