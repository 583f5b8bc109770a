package org.netservof.bench.emulator;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.netservof.controller.channel.MalformedMessage;
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
  private static final int OF10 = 1;
  private static final int FLOW_MOD = 14;
  /** Command numbers of ADD and MODIFY_STRICT, the same on 1.0 and 1.3. */
  private static final Set<Integer> ADDING = Set.of(0, 2);
  /**
   * Where fields sit in a FLOW_MOD: on 1.0 the source MAC in the 40-byte match after the header, then the
   * 2-byte command; on 1.3 the 1-byte command and then the buffer id before the match.
   */
  private static final int OF10_DL_SRC = 14;
  private static final int OF10_COMMAND = 56;

  private static final int OF13_COMMAND = 24;
  private static final int OF13_BUFFER_ID = 32;

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

  /**
   * Whether a message the decoder could not read is an adding FLOW_MOD. Loxi refuses to read a match on IP
   * protocol 255, which is what Open vSwitch's test controller sends for a cbench frame; cbench itself never
   * reads the match, so neither does this: the fixed-place fields of the message's first bytes suffice.
   */
  static boolean isResponse(MalformedMessage bad) {
    int at = bad.version() == OF10 ? OF10_COMMAND : OF13_COMMAND;
    if (bad.type() != FLOW_MOD || bad.head().length < at + 2) {
      return false;
    }
    int command = bad.version() == OF10 ? (bad.head()[at] & 0xff) << 8 | (bad.head()[at + 1] & 0xff)
        : bad.head()[at + 1] & 0xff;
    return ADDING.contains(command);
  }

  /**
   * The PacketIn an unreadable adding FLOW_MOD answers: on 1.3 by its buffer id, on 1.0 by its match's
   * source MAC (its buffer id lies past the bytes kept).
   */
  static OptionalLong answered(MalformedMessage bad, PacketInSource source) {
    byte[] head = bad.head();
    if (bad.version() == OF10) {
      return head.length < OF10_DL_SRC + 6 ? OptionalLong.empty()
          : source.sentFrom(MacAddress.of(Arrays.copyOfRange(head, OF10_DL_SRC, OF10_DL_SRC + 6)));
    }
    if (head.length < OF13_BUFFER_ID + 4) {
      return OptionalLong.empty();
    }
    int buffer = (head[OF13_BUFFER_ID] & 0xff) << 24 | (head[OF13_BUFFER_ID + 1] & 0xff) << 16
        | (head[OF13_BUFFER_ID + 2] & 0xff) << 8 | (head[OF13_BUFFER_ID + 3] & 0xff);
    return source.sentInBuffer(OFBufferId.of(buffer));
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
