package org.netservof.controller.testing;

import java.util.Optional;
import org.netservof.controller.api.MessageContext;
import org.netservof.policy.packet.EthernetFrame;
import org.netservof.policy.packet.PacketParseException;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/** A PacketIn as a switch sends it for a table miss, and the context the dispatcher gives its listeners. */
public final class PacketIns {
  private PacketIns() {}

  /** What a listener is handed with a PacketIn: the parsed frame and the port it came in on. */
  public record Context(EthernetFrame parsed, OFPort port) implements MessageContext {
    @Override
    public Optional<EthernetFrame> frame() {
      return Optional.of(parsed);
    }

    @Override
    public Optional<OFPort> inPort() {
      return Optional.of(port);
    }

    @Override
    public Optional<OFMessage> erroredRequest() {
      return Optional.empty();
    }
  }

  /** The PacketIn of an unbuffered frame at a port, in the factory's version. */
  public static OFPacketIn of(OFFactory f, int inPort, byte[] frame) {
    return of(f, inPort, frame, OFBufferId.NO_BUFFER);
  }

  /** The PacketIn of a frame at a port that the switch holds in {@code buffer} (or NO_BUFFER). */
  public static OFPacketIn of(OFFactory f, int inPort, byte[] frame, OFBufferId buffer) {
    OFPacketIn.Builder b = f.buildPacketIn().setReason(OFPacketInReason.NO_MATCH).setBufferId(buffer)
        .setData(frame);
    if (f.getVersion() == OFVersion.OF_10) {
      b.setInPort(OFPort.of(inPort));
    } else {
      b.setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build());
    }
    return b.build();
  }

  /** The context of that PacketIn; the frame must parse (the test built it). */
  public static Context context(int inPort, byte[] frame) {
    try {
      return new Context(EthernetFrame.parse(frame), OFPort.of(inPort));
    } catch (PacketParseException e) {
      throw new AssertionError("the test's frame does not parse: " + e.getMessage(), e);
    }
  }
}
