package org.netservof.controller.forwarding;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Set;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.RouteService;
import org.netservof.controller.api.fabric.TopologyService;
import org.projectfloodlight.openflow.protocol.OFType;

/**
 * Fabric-wide forwarding: shortest-path routes, broadcast on the spanning tree, proxy ARP, and routes from
 * service nodes back into the fabric; provides {@link RouteService}.
 */
public final class ForwardingModule implements ControllerModule {
  public static final ConfigKey<ForwardingConfig> FORWARDING = new ConfigKey<>("forwarding",
      new TypeReference<>() {}, ForwardingConfig.DEFAULTS,
      "Fabric forwarding: route entry idle and hard timeouts, proxy ARP from the host table.");

  private FabricForwarding forwarding;
  private OFMessageService messages;
  private TopologyService topology;
  private HostService hosts;
  private SwitchService switches;

  @Override
  public String name() {
    return FabricForwarding.NAME;
  }

  @Override
  public Set<Class<?>> provides() {
    return Set.of(RouteService.class);
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of(SwitchService.class, OFMessageService.class, TopologyService.class, HostService.class);
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(FORWARDING);
  }

  @Override
  public void init(ModuleContext context) {
    messages = context.service(OFMessageService.class);
    topology = context.service(TopologyService.class);
    hosts = context.service(HostService.class);
    switches = context.service(SwitchService.class);
    forwarding = new FabricForwarding(switches, topology, hosts, context.config(FORWARDING));
    context.provide(RouteService.class, forwarding);
  }

  @Override
  public void startUp(ModuleContext context) {
    messages.addListener(OFType.PACKET_IN, PacketInStage.FORWARD, FabricForwarding.NAME, forwarding);
    messages.addListener(OFType.FLOW_REMOVED, PacketInStage.FORWARD, FabricForwarding.NAME, forwarding);
    topology.addListener(forwarding);
    hosts.addListener(forwarding);
    switches.addListener(forwarding);
  }

  @Override
  public void shutDown() {
    if (messages != null) {
      messages.removeListener(OFType.PACKET_IN, forwarding);
      messages.removeListener(OFType.FLOW_REMOVED, forwarding);
      topology.removeListener(forwarding);
      hosts.removeListener(forwarding);
      switches.removeListener(forwarding);
    }
  }
}
