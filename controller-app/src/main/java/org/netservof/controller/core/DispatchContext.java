package org.netservof.controller.core;

import java.util.Optional;
import org.netservof.controller.api.MessageContext;
import org.netservof.policy.packet.EthernetFrame;
import org.netservof.policy.packet.PacketParseException;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context of one dispatch; the PacketIn's frame is parsed on first use and shared. */
final class DispatchContext implements MessageContext {
  private static final Logger log = LoggerFactory.getLogger(DispatchContext.class);
  private final OFMessage message;
  private final Optional<OFMessage> erroredRequest;
  private Optional<EthernetFrame> frame;

  DispatchContext(OFMessage message, Optional<OFMessage> erroredRequest) {
    this.message = message;
    this.erroredRequest = erroredRequest;
  }

  @Override
  public Optional<EthernetFrame> frame() {
    if (frame == null) {
      frame = parse();
    }
    return frame;
  }

  @Override
  public Optional<OFPort> inPort() {
    return message instanceof OFPacketIn pi ? Optional.of(inPort(pi)) : Optional.empty();
  }

  @Override
  public Optional<OFMessage> erroredRequest() {
    return erroredRequest;
  }

  /** The ingress port of a PacketIn: a header field on 1.0 and 1.1, a match field from 1.2 on. */
  static OFPort inPort(OFPacketIn pi) {
    if (pi.getVersion().compareTo(OFVersion.OF_12) < 0) {
      return pi.getInPort();
    }
    OFPort port = pi.getMatch().get(MatchField.IN_PORT);
    return port != null ? port : OFPort.ANY;
  }

  private Optional<EthernetFrame> parse() {
    if (!(message instanceof OFPacketIn pi)) {
      return Optional.empty();
    }
    try {
      return Optional.of(EthernetFrame.parse(pi.getData()));
    } catch (PacketParseException e) {
      log.debug("PacketIn xid={} carries a malformed frame: {}", pi.getXid(), e.getMessage());
      return Optional.empty();
    }
  }
}
