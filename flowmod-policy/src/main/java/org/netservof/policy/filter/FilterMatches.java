package org.netservof.policy.filter;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;

/**
 * Filters as OpenFlow matches for one ingress port, with every prerequisite set (ETH_TYPE before IP
 * fields, IP_PROTO before ports) because Loxi does not add them and switches refuse matches without them.
 * Steered packets are untagged, so matches also require "no VLAN": a frame that already carries a tag is
 * in a tunnel or belongs to someone else's VLAN and is not classified.
 *
 * <p>A port range becomes the fewest masked port matches on OpenFlow 1.2 and later; OpenFlow 1.0 cannot
 * mask ports, so there each port is its own match, up to {@link #MAX_EXACT_PORTS}.
 */
public final class FilterMatches {
  /** Most single-port matches one filter may expand to on OpenFlow 1.0. */
  public static final int MAX_EXACT_PORTS = 64;

  private FilterMatches() {}

  /**
   * The matches that together select exactly the filter's packets entering at {@code inPort}.
   *
   * @throws IllegalArgumentException when a port range is too wide for OpenFlow 1.0
   */
  public static List<Match> matches(OFFactory f, Filter filter, OFPort inPort) {
    List<Match> out = new ArrayList<>();
    if (filter.dstPorts().isEmpty()) {
      out.add(base(f, filter, inPort).build());
      return out;
    }
    PortRange range = filter.dstPorts().get();
    MatchField<TransportPort> field = filter.protocol() == Protocol.TCP ? MatchField.TCP_DST : MatchField.UDP_DST;
    if (f.getVersion().compareTo(OFVersion.OF_12) < 0) {
      if (range.size() > MAX_EXACT_PORTS) {
        throw new IllegalArgumentException("port range " + range + " needs " + range.size()
            + " entries on OpenFlow 1.0, which cannot mask ports; at most " + MAX_EXACT_PORTS + " are allowed");
      }
      for (int port = range.low(); port <= range.high(); port++) {
        out.add(base(f, filter, inPort).setExact(field, TransportPort.of(port)).build());
      }
      return out;
    }
    for (PortRange.Prefix p : range.prefixes()) {
      Match.Builder b = base(f, filter, inPort);
      if (p.mask() == 0xffff) {
        b.setExact(field, TransportPort.of(p.value()));
      } else {
        b.setMasked(field, TransportPort.of(p.value()), TransportPort.of(p.mask()));
      }
      out.add(b.build());
    }
    return out;
  }

  /** The filter's fields without ports, prerequisites included. */
  static Match.Builder base(OFFactory f, Filter filter, OFPort inPort) {
    Match.Builder b = f.buildMatch()
        .setExact(MatchField.IN_PORT, inPort)
        .setExact(MatchField.VLAN_VID, OFVlanVidMatch.UNTAGGED)
        .setExact(MatchField.ETH_TYPE, EthType.IPv4);
    if (filter.protocol() != Protocol.ANY) {
      b.setExact(MatchField.IP_PROTO, filter.protocol().ipProtocol());
    }
    filter.src().ifPresent(p -> setPrefix(b, MatchField.IPV4_SRC, p));
    filter.dst().ifPresent(p -> setPrefix(b, MatchField.IPV4_DST, p));
    return b;
  }

  private static void setPrefix(Match.Builder b, MatchField<org.projectfloodlight.openflow.types.IPv4Address> field,
      org.projectfloodlight.openflow.types.IPv4AddressWithMask p) {
    if (p.getMask().asCidrMaskLength() == 32) {
      b.setExact(field, p.getValue());
    } else if (p.getMask().asCidrMaskLength() > 0) {
      b.setMasked(field, p.getValue(), p.getMask());
    }
  }
}
