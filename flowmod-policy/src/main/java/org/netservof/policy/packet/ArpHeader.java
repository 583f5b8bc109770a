package org.netservof.policy.packet;

import java.util.Objects;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * An Ethernet/IPv4 ARP packet.
 *
 * @param opcode 1 for request, 2 for reply
 */
public record ArpHeader(int opcode, MacAddress senderMac, IPv4Address senderIp, MacAddress targetMac,
    IPv4Address targetIp) {
  public static final int REQUEST = 1;
  public static final int REPLY = 2;

  public ArpHeader {
    Objects.requireNonNull(senderMac, "senderMac");
    Objects.requireNonNull(senderIp, "senderIp");
    Objects.requireNonNull(targetMac, "targetMac");
    Objects.requireNonNull(targetIp, "targetIp");
  }

  public boolean isRequest() {
    return opcode == REQUEST;
  }
}
