package org.netservof.policy.filter;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.packet.EthernetFrame;
import org.netservof.policy.packet.Ipv4Header;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv4AddressWithMask;

/**
 * Which packets a service steers: IPv4 packets of a protocol, optionally to a destination port or port
 * range, from a source prefix, to a destination prefix, entering the fabric at given edge ports (all edge
 * ports when none are named). Validated when built: a port needs TCP or UDP, prefixes have no host bits.
 */
public record Filter(Protocol protocol, Optional<PortRange> dstPorts, Optional<IPv4AddressWithMask> src,
    Optional<IPv4AddressWithMask> dst, Set<SwitchPort> ingressPorts) {
  private static final java.util.regex.Pattern PREFIX =
      java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");

  public Filter {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(dstPorts, "dstPorts");
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    ingressPorts = Set.copyOf(Objects.requireNonNull(ingressPorts, "ingressPorts"));
    if (dstPorts.isPresent() && !protocol.hasPorts()) {
      throw new IllegalArgumentException("a destination port needs protocol tcp or udp, not " + protocol);
    }
    src.ifPresent(p -> checkPrefix("source", p));
    dst.ifPresent(p -> checkPrefix("destination", p));
  }

  /** Everything of one protocol. */
  public static Filter of(Protocol protocol) {
    return new Filter(protocol, Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
  }

  public Filter withDstPorts(PortRange ports) {
    return new Filter(protocol, Optional.of(ports), src, dst, ingressPorts);
  }

  public Filter withSrc(String prefix) {
    return new Filter(protocol, dstPorts, Optional.of(parsePrefix("source", prefix)), dst, ingressPorts);
  }

  public Filter withDst(String prefix) {
    return new Filter(protocol, dstPorts, src, Optional.of(parsePrefix("destination", prefix)), ingressPorts);
  }

  public Filter withIngress(Set<SwitchPort> ports) {
    return new Filter(protocol, dstPorts, src, dst, ports);
  }

  /**
   * How specific the filter is: prefix bits, the protocol, the port bits. More specific filters get higher
   * priorities, so a narrow service inside a wide one sees its own traffic.
   */
  public int specificity() {
    int score = src.map(p -> p.getMask().asCidrMaskLength()).orElse(0)
        + dst.map(p -> p.getMask().asCidrMaskLength()).orElse(0);
    if (protocol != Protocol.ANY) {
      score += 8;
    }
    if (dstPorts.isPresent()) {
      score += 16 - (32 - Integer.numberOfLeadingZeros(dstPorts.get().size() - 1));
    }
    if (!ingressPorts.isEmpty()) {
      score += 1;
    }
    return score;
  }

  /** Whether a packet entering at {@code ingress} is one this filter selects. */
  public boolean matches(EthernetFrame frame, SwitchPort ingress) {
    if (!ingressPorts.isEmpty() && !ingressPorts.contains(ingress)) {
      return false;
    }
    Optional<Ipv4Header> ip = frame.ipv4();
    if (ip.isEmpty() || frame.vlanId().isPresent()) {
      return false;
    }
    Ipv4Header h = ip.get();
    if (protocol != Protocol.ANY && !h.protocol().equals(protocol.ipProtocol())) {
      return false;
    }
    if (src.isPresent() && !src.get().matches(h.src()) || dst.isPresent() && !dst.get().matches(h.dst())) {
      return false;
    }
    return dstPorts.isEmpty() || h.dstPort().isPresent() && dstPorts.get().contains(h.dstPort().getAsInt());
  }

  /** Whether every packet this filter selects is also selected by {@code outer} (ingress ports aside). */
  public boolean within(Filter outer) {
    if (outer.protocol != Protocol.ANY && outer.protocol != protocol) {
      return false;
    }
    if (outer.dstPorts.isPresent() && (dstPorts.isEmpty() || !outer.dstPorts.get().contains(dstPorts.get()))) {
      return false;
    }
    return inside(src, outer.src) && inside(dst, outer.dst);
  }

  private static boolean inside(Optional<IPv4AddressWithMask> inner, Optional<IPv4AddressWithMask> outer) {
    if (outer.isEmpty()) {
      return true;
    }
    if (inner.isEmpty()) {
      return false;
    }
    return inner.get().getMask().asCidrMaskLength() >= outer.get().getMask().asCidrMaskLength()
        && outer.get().matches(inner.get().getValue());
  }

  /**
   * Parses {@code a.b.c.d/len} (or a bare address, meaning /32).
   *
   * @throws IllegalArgumentException naming the field and the problem
   */
  public static IPv4AddressWithMask parsePrefix(String field, String text) {
    if (text == null || !PREFIX.matcher(text.trim()).matches()) {
      throw new IllegalArgumentException(field + " prefix '" + text + "' is not an IPv4 prefix like 10.0.0.0/24");
    }
    String t = text.trim();
    int slash = t.indexOf('/');
    IPv4Address address;
    int length = slash < 0 ? 32 : Integer.parseInt(t.substring(slash + 1));
    try {
      address = IPv4Address.of(slash < 0 ? t : t.substring(0, slash));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " prefix '" + text + "' is not an IPv4 prefix like 10.0.0.0/24");
    }
    if (length > 32) {
      throw new IllegalArgumentException(field + " prefix '" + text + "' has a length above 32");
    }
    // Loxi silently clears host bits; a prefix with host bits set is more likely a typo, so say so.
    IPv4Address mask = IPv4Address.ofCidrMaskLength(length);
    if (!address.and(mask).equals(address)) {
      throw new IllegalArgumentException(field + " prefix " + t + " has host bits set; did you mean "
          + address.and(mask) + "/" + length + "?");
    }
    IPv4AddressWithMask prefix = IPv4AddressWithMask.of(address, mask);
    checkPrefix(field, prefix);
    return prefix;
  }

  private static void checkPrefix(String field, IPv4AddressWithMask prefix) {
    if (!prefix.getMask().isCidrMask()) {
      throw new IllegalArgumentException(field + " mask " + prefix.getMask() + " is not a prefix length");
    }
    IPv4Address network = prefix.getValue().and(prefix.getMask());
    if (!network.equals(prefix.getValue())) {
      throw new IllegalArgumentException(field + " prefix " + prefix + " has host bits set; did you mean "
          + network + "/" + prefix.getMask().asCidrMaskLength() + "?");
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(protocol.toString());
    dstPorts.ifPresent(p -> s.append(" dport ").append(p));
    src.ifPresent(p -> s.append(" from ").append(p));
    dst.ifPresent(p -> s.append(" to ").append(p));
    if (!ingressPorts.isEmpty()) {
      s.append(" at ").append(new TreeSet<>(ingressPorts));
    }
    return s.toString();
  }
}
