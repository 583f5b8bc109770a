package org.netservof.policy.packet;

import java.nio.ByteBuffer;
import java.util.OptionalInt;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/** ARP frames the controller answers with on a host's behalf. */
public final class ArpFrames {
  private static final int MIN_FRAME = 60;

  private ArpFrames() {}

  /**
   * The reply to {@code request}: {@code answerMac} has {@code request.targetIp()}; sent to the requester,
   * tagged like the request when it was tagged, padded to the Ethernet minimum.
   */
  public static byte[] reply(ArpHeader request, MacAddress answerMac, OptionalInt vlan) {
    ByteBuffer b = ByteBuffer.allocate(MIN_FRAME + (vlan.isPresent() ? 4 : 0));
    b.put(request.senderMac().getBytes()).put(answerMac.getBytes());
    if (vlan.isPresent()) {
      b.putShort((short) 0x8100).putShort((short) (vlan.getAsInt() & 0x0fff));
    }
    b.putShort((short) 0x0806)
        .putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
        .putShort((short) ArpHeader.REPLY)
        .put(answerMac.getBytes()).putInt(request.targetIp().getInt())
        .put(request.senderMac().getBytes()).putInt(request.senderIp().getInt());
    return b.array();
  }

  /** Whether an ARP packet announces the sender's own address (gratuitous): others must see it. */
  public static boolean isGratuitous(ArpHeader arp) {
    return arp.senderIp().equals(arp.targetIp()) || arp.senderIp().equals(IPv4Address.NONE);
  }
}
