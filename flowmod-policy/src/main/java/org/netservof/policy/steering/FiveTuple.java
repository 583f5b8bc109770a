package org.netservof.policy.steering;

import java.util.Objects;
import org.netservof.policy.packet.Ipv4Header;
import org.netservof.policy.select.FlowHash;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;

/**
 * What makes a flow a flow for steering: addresses, protocol and, for TCP and UDP, ports (-1 otherwise).
 * Flows are placed on nodes by its hash.
 */
public record FiveTuple(IPv4Address src, IPv4Address dst, IpProtocol protocol, int srcPort, int dstPort) {
  public FiveTuple {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(protocol, "protocol");
  }

  public static FiveTuple of(Ipv4Header ip) {
    boolean ports = ip.protocol().equals(IpProtocol.TCP) || ip.protocol().equals(IpProtocol.UDP);
    return new FiveTuple(ip.src(), ip.dst(), ip.protocol(), ports ? ip.srcPort().orElse(-1) : -1,
        ports ? ip.dstPort().orElse(-1) : -1);
  }

  public boolean hasPorts() {
    return srcPort >= 0 && dstPort >= 0;
  }

  public long hash() {
    return FlowHash.of(src.getInt(), dst.getInt(), protocol.getIpProtocolNumber(), srcPort, dstPort);
  }
}
