package org.netservof.controller.forwarding;

import java.util.List;
import java.util.Optional;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.layout.Table;
import org.netservof.policy.openflow.FlowMods;
import org.netservof.policy.openflow.PacketOuts;
import org.netservof.policy.packet.EthernetFrame;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-switch MAC learning: a PacketIn teaches where its source lives; a known unicast destination gets an
 * entry (in port, source, destination, output) with an idle timeout and the forwarding cookie, and the
 * packet is sent on; unknown and group destinations are flooded. When a port goes down, or an address
 * moves, the entries that lead to the old place are deleted at once rather than left to time out.
 */
final class LearningSwitch implements MessageListener, SwitchListener {
  static final String NAME = "forwarding";
  private static final Logger log = LoggerFactory.getLogger(LearningSwitch.class);
  private static final Cookie COOKIE = Cookie.of(CookieOwner.FORWARDING);
  private static final EthType LLDP = EthType.of(0x88cc);
  private static final EthType BDDP = EthType.of(0x8942);

  private final ForwardingConfig config;
  private final MacTable macs;

  LearningSwitch(ForwardingConfig config, MacTable macs) {
    this.config = config;
    this.macs = macs;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
    OFPacketIn pi = (OFPacketIn) message;
    Optional<EthernetFrame> parsed = context.frame();
    OFPort inPort = context.inPort().orElse(OFPort.ANY);
    if (parsed.isEmpty() || inPort.equals(OFPort.ANY)) {
      return Command.CONTINUE;
    }
    EthernetFrame frame = parsed.get();
    if (frame.etherType().equals(LLDP) || frame.etherType().equals(BDDP)) {
      return Command.CONTINUE;
    }
    if (!frame.src().isMulticast()) {
      macs.learn(sw.id(), frame.src(), inPort).ifPresent(old -> moved(sw, frame.src(), old, inPort));
    }
    if (frame.isGroupDestination()) {
      flood(sw, pi, inPort);
      return Command.CONTINUE;
    }
    Optional<OFPort> out = macs.lookup(sw.id(), frame.dst());
    if (out.isEmpty()) {
      flood(sw, pi, inPort);
    } else if (!out.get().equals(inPort)) {
      install(sw, pi, inPort, frame, out.get());
    }
    return Command.CONTINUE;
  }

  @Override
  public void switchRemoved(DatapathId id) {
    macs.forgetSwitch(id);
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    if (change == PortChange.DOWN || change == PortChange.REMOVED) {
      macs.forgetPort(sw.id(), port.getPortNo());
      OFFactory f = sw.factory();
      sw.write(List.of(
          FlowMods.delete(f, f.matchWildcardAll(), COOKIE.value(), Cookie.ownerMask(), port.getPortNo()),
          FlowMods.delete(f, f.buildMatch().setExact(MatchField.IN_PORT, port.getPortNo()).build(),
              COOKIE.value(), Cookie.ownerMask(), OFPort.ANY)));
    }
  }

  private void install(OFSwitch sw, OFPacketIn pi, OFPort inPort, EthernetFrame frame, OFPort out) {
    OFFactory f = sw.factory();
    Match match = f.buildMatch()
        .setExact(MatchField.IN_PORT, inPort)
        .setExact(MatchField.ETH_SRC, frame.src())
        .setExact(MatchField.ETH_DST, frame.dst())
        .build();
    List<OFAction> actions = List.of(f.actions().output(out, 0xffff));
    OFFlowAdd.Builder add = f.buildFlowAdd()
        .setCookie(COOKIE.value())
        .setPriority(PriorityBand.FORWARDING.base())
        .setIdleTimeout((int) config.idleTimeout().getSeconds())
        .setHardTimeout((int) config.hardTimeout().getSeconds())
        .setMatch(match);
    if (f.getVersion() != OFVersion.OF_10) {
      add.setTableId(Table.MAIN.id());
    }
    sw.write(List.of(FlowMods.withActions(add, f, actions).build(), PacketOuts.forward(f, pi, inPort, actions)));
  }

  private void flood(OFSwitch sw, OFPacketIn pi, OFPort inPort) {
    OFFactory f = sw.factory();
    sw.write(PacketOuts.forward(f, pi, inPort, List.of(f.actions().output(OFPort.FLOOD, 0xffff))));
  }

  private void moved(OFSwitch sw, MacAddress mac, OFPort from, OFPort to) {
    log.info("switch {}: {} moved from port {} to port {}", sw.id(), mac, from, to);
    OFFactory f = sw.factory();
    sw.write(FlowMods.delete(f, f.buildMatch().setExact(MatchField.ETH_DST, mac).build(), COOKIE.value(),
        Cookie.ownerMask(), OFPort.ANY));
  }
}
