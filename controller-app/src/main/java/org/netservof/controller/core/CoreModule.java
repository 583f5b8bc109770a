package org.netservof.controller.core;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.SwitchSetupStage;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.OpenFlowServer;
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
      HostPort.parse("0.0.0.0:6653"), "Address the controller listens on for OpenFlow switches (HOST:PORT).");

  public static final ConfigKey<OpenFlowConfig> OPENFLOW = new ConfigKey<>("openflow", new TypeReference<>() {},
      OpenFlowConfig.DEFAULTS, "How the controller talks to switches: versions offered, timeouts, keep-alive, "
          + "miss_send_len, role, write batching.");

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
        ServicePortService.class), Set.of(), List.of(OF_LISTEN, OPENFLOW, FLOOD_PROTECTION));
  }

  @Override
  public void init(ModuleContext context) {
    OpenFlowConfig config = context.config(OPENFLOW);
    listen = context.config(OF_LISTEN);
    dispatcher = new MessageDispatcher();
    FloodProtection limits = context.config(FLOOD_PROTECTION);
    switches = new SwitchManager(config, limits, dispatcher, context.clock());
    // Generation ids must grow across requests and across controller restarts: start from the clock.
    AtomicLong generation = new AtomicLong(context.clock().millis() * 1000);
    server = new OpenFlowServer(config, limits, generation::incrementAndGet, switches);
    onShutDown(server::close);
    context.provide(SwitchService.class, switches);
    switches.setups().addSetup(SwitchSetupStage.METERS, ControllerMeterSetup.NAME,
        new ControllerMeterSetup(limits.meterRate()));
    context.provide(SwitchSetupService.class, switches.setups());
    context.provide(OFMessageService.class, dispatcher);
    context.provide(ServicePortService.class, new ServicePortRegistry());
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
