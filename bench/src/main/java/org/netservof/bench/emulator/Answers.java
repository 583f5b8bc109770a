package org.netservof.bench.emulator;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;

/** Which controller messages answer a PacketIn, and which PacketIn they answer. */
final class Answers {
  private static final int LLDP = 0x88cc;

  private Answers() {}

  /**
   * What cbench counts as a response: a FLOW_MOD that adds (ADD or MODIFY_STRICT) and a PACKET_OUT that is
   * not the controller's LLDP (its link discovery).
   */
  static boolean isResponse(OFMessage m) {
    if (m instanceof OFFlowMod fm) {
      return fm.getCommand() == OFFlowModCommand.ADD || fm.getCommand() == OFFlowModCommand.MODIFY_STRICT;
    }
    return m instanceof OFPacketOut out && !isLldp(out.getData());
  }

  /**
   * The sequence of the PacketIn {@code response} answers: the one in the buffer it names, else the latest
   * from the source MAC of the frame it sends out (PACKET_OUT) or of its match (FLOW_MOD); empty when it
   * names none of this switch's PacketIns.
   */
  static OptionalLong answered(OFMessage response, PacketInSource source) {
    OFBufferId buffer = response instanceof OFFlowMod fm ? fm.getBufferId() : ((OFPacketOut) response).getBufferId();
    if (buffer != null && !buffer.equals(OFBufferId.NO_BUFFER)) {
      OptionalLong inBuffer = source.sentInBuffer(buffer);
      if (inBuffer.isPresent()) {
        return inBuffer;
      }
    }
    Optional<MacAddress> src = response instanceof OFFlowMod fm ? sourceOf(fm.getMatch())
        : sourceOf(((OFPacketOut) response).getData());
    return src.isPresent() ? source.sentFrom(src.get()) : OptionalLong.empty();
  }

  private static Optional<MacAddress> sourceOf(byte[] frame) {
    return frame.length < 12 ? Optional.empty() : Optional.of(MacAddress.of(Arrays.copyOfRange(frame, 6, 12)));
  }

  private static Optional<MacAddress> sourceOf(Match match) {
    try {
      return match.isExact(MatchField.ETH_SRC) ? Optional.of(match.get(MatchField.ETH_SRC)) : Optional.empty();
    } catch (UnsupportedOperationException e) {
      return Optional.empty(); // a 1.0 match without that field
    }
  }

  static boolean isLldp(byte[] data) {
    return data.length >= 14 && ((data[12] & 0xff) << 8 | (data[13] & 0xff)) == LLDP;
  }
}
