package org.netservof.policy.packet;

import java.util.Objects;
import java.util.OptionalInt;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;

/**
 * The IPv4 header fields the controller classifies on, plus the transport ports when the packet is the
 * first fragment of a TCP or UDP datagram (later fragments carry no ports).
 *
 * @param srcPort TCP/UDP source port, or ICMP type; empty when the packet has no transport header
 * @param dstPort TCP/UDP destination port, or ICMP code; empty when the packet has no transport header
 */
public record Ipv4Header(IPv4Address src, IPv4Address dst, IpProtocol protocol, int ttl, int dscp,
    OptionalInt srcPort, OptionalInt dstPort) {
  public Ipv4Header {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(srcPort, "srcPort");
    Objects.requireNonNull(dstPort, "dstPort");
  }
}
