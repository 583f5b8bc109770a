package org.netservof.controller.linkdiscovery;

import com.fasterxml.jackson.core.type.TypeReference;
import java.security.SecureRandom;
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
import org.netservof.controller.api.SwitchSetup;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.SwitchSetupStage;
import org.netservof.controller.api.fabric.LinkAdminService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.util.NamedThreads;
import org.netservof.controller.util.Periodic;
import org.netservof.controller.util.SharedStore;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Link discovery with signed LLDP probes; provides {@link LinkService}. */
public final class LinkDiscoveryModule extends BaseModule {
  private static final Logger log = LoggerFactory.getLogger(LinkDiscoveryModule.class);

  public static final ConfigKey<LinkDiscoveryConfig> LINK_DISCOVERY = new ConfigKey<>("link-discovery",
      new TypeReference<>() {}, LinkDiscoveryConfig.DEFAULTS,
      "LLDP link discovery: how often every port is probed, how long a link lives without a probe, and how soon"
      + " a probe must come back.");

  private LinkDiscoveryManager manager;
  /**
   * In a cluster: writes to the shared store, and verifies the probes other members handed on, off the
   * PacketIn threads and the store's watch thread, which must not block.
   */
  private final ExecutorService exchangeWork = Executors.newSingleThreadExecutor(
      NamedThreads.daemon("link-exchange"));
  private LinkDiscoveryConfig config;
  /** Sends LLDP up to the controller; without it, links through the switch cannot be found. */
  private final SwitchSetup capture = SwitchSetup.fixed(sw -> List.of(CaptureEntry.lldpToController(sw.factory())));

  public LinkDiscoveryModule() {
    super(LinkDiscoveryManager.NAME, Set.of(LinkService.class, LinkAdminService.class), Set.of(SwitchService.class,
        SwitchSetupService.class, OFMessageService.class, ServicePortService.class, MetricsService.class),
        List.of(LINK_DISCOVERY));
  }

  @Override
  public void init(ModuleContext context) {
    config = context.config(LINK_DISCOVERY);
    // The probe key lives only in this process: another controller, or a host, cannot forge our probes; and
    // probe ids come from a secure source, so a host cannot guess the id of a probe it has not seen.
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    // In a cluster, links and probe receipts go through the shared store, so every member sees every link;
    // alone, through a store in memory (a link is observed state: it must not outlive the process on disk).
    LinkExchange exchange = SharedStore.choose(context, "links",
        (stores, member) -> LinkExchange.shared(stores, member, exchangeWork), LinkExchange::alone);
    manager = new LinkDiscoveryManager(context.service(SwitchService.class),
        context.service(ServicePortService.class), config, context.clock(), secret, random, exchange, exchangeWork);
    onShutDown(exchangeWork::shutdownNow);
    onShutDown(manager::close);
    context.provide(LinkService.class, manager);
    context.provide(LinkAdminService.class, manager);
    gauge(context.service(MetricsService.class), "netserv.links", "Links between switches this controller knows",
        () -> manager.links().size());
  }

  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return SharedStore.WANTS;
  }

  @Override
  public void startUp(ModuleContext context) {
    SwitchSetupService setups = context.service(SwitchSetupService.class);
    setups.addSetup(SwitchSetupStage.CAPTURE, "lldp-capture", capture);
    onShutDown(() -> setups.removeSetup(capture));
    listen(context.service(OFMessageService.class), OFType.PACKET_IN, PacketInStage.CAPTURE, LinkDiscoveryManager.NAME,
        manager);
    listen(context.service(SwitchService.class), manager);
    ScheduledExecutorService timer = Periodic.timer("link-discovery");
    onShutDown(timer::shutdownNow);
    Duration period = config.probeInterval();
    Periodic.every(timer, period, period, log, "probing", manager::probeAll);
    Periodic.every(timer, period.dividedBy(2), period.dividedBy(2), log, "link expiry", manager::expire);
  }
}
