package org.netservof.controller.forwarding;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Set;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.SwitchService;
import org.projectfloodlight.openflow.protocol.OFType;

/** One-switch forwarding by MAC learning; enough for hosts on one switch to reach each other. */
public final class ForwardingModule implements ControllerModule {
  public static final ConfigKey<ForwardingConfig> FORWARDING = new ConfigKey<>("forwarding",
      new TypeReference<>() {}, ForwardingConfig.DEFAULTS,
      "MAC-learning forwarding: entry idle and hard timeouts, address aging, table size per switch.");

  private LearningSwitch learning;
  private SwitchService switches;
  private OFMessageService messages;

  @Override
  public String name() {
    return LearningSwitch.NAME;
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of(SwitchService.class, OFMessageService.class);
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(FORWARDING);
  }

  @Override
  public void init(ModuleContext context) {
    ForwardingConfig config = context.config(FORWARDING);
    learning = new LearningSwitch(config, new MacTable(config.macAging(), config.macTableSize(), context.clock()));
    switches = context.service(SwitchService.class);
    messages = context.service(OFMessageService.class);
  }

  @Override
  public void startUp(ModuleContext context) {
    switches.addListener(learning);
    messages.addListener(OFType.PACKET_IN, learning);
  }

  @Override
  public void shutDown() {
    if (messages != null) {
      messages.removeListener(OFType.PACKET_IN, learning);
      switches.removeListener(learning);
    }
  }
}
