package org.netservof.controller.core;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.api.MetricsService;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.SwitchSetupStage;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.OpenFlowMetrics;
import org.netservof.controller.channel.OpenFlowServer;
import org.netservof.controller.channel.OpenFlowTls;
import org.netservof.controller.channel.SwitchAdmission;
import org.netservof.controller.module.BaseModule;

/**
 * The OpenFlow core: the switch listener socket, the switches and their setup, the message listener chains, and the
 * registry of service ports (which the fabric modules and steering share). Always
 * enabled. It opens the socket only after every module started, so no switch connects before every
 * listener is in place.
 */
public final class CoreModule extends BaseModule {
  public static final String NAME = "core";

  public static final ConfigKey<HostPort> OF_LISTEN = new ConfigKey<>("of-listen", new TypeReference<>() {},
      HostPort.parse("127.0.0.1:6653"), "Address the controller listens on for OpenFlow switches (HOST:PORT); "
          + "loopback by default: beyond it, without openflow-tls, any host that reaches it can be any switch.");

  public static final ConfigKey<OpenFlowConfig> OPENFLOW = new ConfigKey<>("openflow", new TypeReference<>() {},
      OpenFlowConfig.DEFAULTS, "How the controller talks to switches: versions offered, timeouts, keep-alive, "
          + "miss_send_len, role, write batching.");

  public static final ConfigKey<OpenFlowTls> OPENFLOW_TLS = new ConfigKey<>("openflow-tls",
      new TypeReference<>() {}, OpenFlowTls.NONE, "OpenFlow over TLS: the controller's key, cert and the ca that "
          + "signs switch certificates (PEM; ./netserv ca makes them); a switch's certificate CN must be its DPID.");

  public static final ConfigKey<List<String>> SWITCH_ALLOW_LIST = new ConfigKey<>("switch-allow-list",
      new TypeReference<>() {}, List.of(), "DPIDs that may connect (00:00:00:00:00:00:00:01); empty for any.");

  public static final ConfigKey<FloodProtection> FLOOD_PROTECTION = new ConfigKey<>("flood-protection",
      new TypeReference<>() {}, FloodProtection.DEFAULTS, "What a switch, or the hosts behind it, can make the "
          + "controller read, remember and queue: PacketIn budgets per port, meters on controller-bound entries, "
          + "write backpressure, multipart bounds.");

  private SwitchManager switches;
  private MessageDispatcher dispatcher;
  private OpenFlowServer server;
  private HostPort listen;
  private InetSocketAddress bound;

  public CoreModule() {
    super(NAME, Set.of(SwitchService.class, SwitchSetupService.class, OFMessageService.class,
        ServicePortService.class, SwitchArbitration.class), Set.of(MetricsService.class), List.of(OF_LISTEN, OPENFLOW, OPENFLOW_TLS,
        SWITCH_ALLOW_LIST, FLOOD_PROTECTION));
  }

  @Override
  public void init(ModuleContext context) {
    OpenFlowConfig config = context.config(OPENFLOW);
    listen = context.config(OF_LISTEN);
    dispatcher = new MessageDispatcher();
    FloodProtection limits = context.config(FLOOD_PROTECTION);
    MetricsService metrics = context.service(MetricsService.class);
    switches = new SwitchManager(config, limits, dispatcher, context.clock(),
        metrics.enabled() ? OpenFlowMetrics.of(metrics.registry()) : OpenFlowMetrics.off());
    // Generation ids must grow across requests and across controller restarts: start from the clock.
    AtomicLong generation = new AtomicLong(context.clock().millis() * 1000);
    SwitchAdmission admission = SwitchAdmission.configured(context.config(OPENFLOW_TLS),
        context.config(SWITCH_ALLOW_LIST), switches::refused);
    server = new OpenFlowServer(config, limits, generation::incrementAndGet, switches, admission);
    onShutDown(server::close);
    context.provide(SwitchService.class, switches);
    switches.setups().addSetup(SwitchSetupStage.METERS, ControllerMeterSetup.NAME,
        new ControllerMeterSetup(limits.meterRate()));
    context.provide(SwitchSetupService.class, switches.setups());
    context.provide(OFMessageService.class, dispatcher);
    context.provide(ServicePortService.class, new ServicePortRegistry());
    context.provide(SwitchArbitration.class, new SwitchArbitration() {
      @Override
      public void arbitrate(SwitchArbiter arbiter) {
        switches.arbitrate(arbiter);
      }

      @Override
      public Optional<InetSocketAddress> openFlowAddress() {
        return boundAddress();
      }
    });
  }

  @Override
  public void allStarted() {
    bound = server.bind(listen);
  }

  /** The address the OpenFlow socket is bound to, once every module started. */
  public Optional<InetSocketAddress> boundAddress() {
    return Optional.ofNullable(bound);
  }
}
