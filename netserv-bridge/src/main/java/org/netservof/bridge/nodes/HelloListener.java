package org.netservof.bridge.nodes;

import java.util.Optional;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.packet.EthernetFrame;
import org.netservof.protocol.node.HelloFrame;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Catches the hello frames registering nodes send out of their interfaces, before anything learns the node
 * as a host or forwards the frame: where the frame came up (switch, port) and from which MAC is what proves
 * a node's claimed attachment.
 */
final class HelloListener implements MessageListener {
  static final String NAME = "node-hello";

  private final NodeManager manager;

  HelloListener(NodeManager manager) {
    this.manager = manager;
  }

  @Override
  public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
    Optional<EthernetFrame> frame = context.frame();
    Optional<OFPort> inPort = context.inPort();
    if (frame.isEmpty() || inPort.isEmpty() || frame.get().etherType().getValue() != HelloFrame.ETHER_TYPE) {
      return Command.CONTINUE;
    }
    HelloFrame.nonce(((OFPacketIn) message).getData()).ifPresent(nonce ->
        manager.hellos().seen(nonce, new SwitchPort(sw.id(), inPort.get()), frame.get().src()));
    return Command.STOP; // a node's hello is for the controller only
  }
}
