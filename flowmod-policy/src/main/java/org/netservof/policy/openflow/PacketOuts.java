package org.netservof.policy.openflow;

import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/** PacketOuts that work on every version: the ingress port as a field (up to 1.4) or a match (1.5). */
public final class PacketOuts {
  private PacketOuts() {}

  /**
   * Sends the packet of a PacketIn on with {@code actions}: by its buffer id when the switch buffered it,
   * with its bytes otherwise.
   */
  public static OFPacketOut forward(OFFactory factory, OFPacketIn packetIn, OFPort inPort, List<OFAction> actions) {
    OFPacketOut.Builder builder = factory.buildPacketOut().setActions(actions);
    setInPort(factory, builder, inPort);
    if (packetIn.getBufferId().equals(OFBufferId.NO_BUFFER)) {
      builder.setBufferId(OFBufferId.NO_BUFFER).setData(packetIn.getData());
    } else {
      builder.setBufferId(packetIn.getBufferId());
    }
    return builder.build();
  }

  /** A controller-originated packet (for example a probe), sent with {@code actions}. */
  public static OFPacketOut send(OFFactory factory, byte[] frame, List<OFAction> actions) {
    OFPacketOut.Builder builder = factory.buildPacketOut().setActions(actions)
        .setBufferId(OFBufferId.NO_BUFFER).setData(frame);
    setInPort(factory, builder, OFPort.CONTROLLER);
    return builder.build();
  }

  private static void setInPort(OFFactory factory, OFPacketOut.Builder builder, OFPort inPort) {
    if (factory.getVersion().compareTo(OFVersion.OF_15) < 0) {
      builder.setInPort(inPort);
    } else {
      builder.setMatch(factory.buildMatch().setExact(MatchField.IN_PORT, inPort).build());
    }
  }
}
