package org.netservof.controller.forwarding;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Set;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.RouteService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.module.BaseModule;
import org.projectfloodlight.openflow.protocol.OFType;

/**
 * Fabric-wide forwarding: shortest-path routes, broadcast on the spanning tree, proxy ARP, and routes from
 * service nodes back into the fabric; provides {@link RouteService}.
 */
public final class ForwardingModule extends BaseModule {
  public static final ConfigKey<ForwardingConfig> FORWARDING = new ConfigKey<>("forwarding",
      new TypeReference<>() {}, ForwardingConfig.DEFAULTS,
      "Fabric forwarding: route entry idle and hard timeouts, proxy ARP from the host table.");

  private FabricForwarding forwarding;

  public ForwardingModule() {
    super(FabricForwarding.NAME, Set.of(RouteService.class),
        Set.of(SwitchService.class, OFMessageService.class, TopologyService.class, HostService.class),
        List.of(FORWARDING));
  }

  @Override
  public void init(ModuleContext context) {
    forwarding = new FabricForwarding(context.service(SwitchService.class), context.service(TopologyService.class),
        context.service(HostService.class), context.config(FORWARDING));
    context.provide(RouteService.class, forwarding);
  }

  @Override
  public void startUp(ModuleContext context) {
    OFMessageService messages = context.service(OFMessageService.class);
    listen(messages, OFType.PACKET_IN, PacketInStage.FORWARD, FabricForwarding.NAME, forwarding);
    listen(messages, OFType.FLOW_REMOVED, PacketInStage.FORWARD, FabricForwarding.NAME, forwarding);
    listen(context.service(TopologyService.class), forwarding);
    listen(context.service(HostService.class), forwarding);
    listen(context.service(SwitchService.class), forwarding);
  }
}
