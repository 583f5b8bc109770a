package org.netservof.bench.emulator;

import java.util.List;
import java.util.stream.IntStream;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;

/**
 * A frame as the PacketIn that carries it, on the switch's OpenFlow version. On 1.0 that is the frame's
 * in port, buffer id, total length and reason in the 1.0 layout (for cbench frames, the bytes cbench sends).
 * cbench has no 1.3: there the same frame, buffer id, total length and reason go in a 1.3 PacketIn, from
 * table 0 with cookie 0, and the in port becomes the match's IN_PORT, which is where 1.3 puts it.
 */
final class PacketInBuilder {
  private final OFFactory factory;
  private final List<Match> inPortMatches;

  PacketInBuilder(OFFactory factory) {
    this.factory = factory;
    this.inPortMatches = IntStream.rangeClosed(1, PacketInFrames.PORTS)
        .mapToObj(p -> factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(p)).build()).toList();
  }

  OFPacketIn build(PacketInFrame frame) {
    OFPacketIn.Builder b = factory.buildPacketIn().setXid(frame.xid()).setBufferId(frame.bufferId())
        .setTotalLen(frame.data().length).setReason(OFPacketInReason.NO_MATCH).setData(frame.data());
    if (factory.getVersion() == OFVersion.OF_10) {
      b.setInPort(OFPort.of(frame.inPort()));
    } else {
      b.setTableId(TableId.of(0)).setMatch(inPortMatches.get(frame.inPort() - 1));
    }
    return b.build();
  }
}
