package org.netservof.rest.netserv;

import java.util.Objects;
import java.util.Optional;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * The traffic a service steers, as JSON. Only what steering renders into the switches is accepted:
 * a field it cannot render (a source port, say) is an unknown field, refused with 400.
 *
 * @param protocol tcp, udp, icmp or any
 * @param src source prefix, a.b.c.d/len
 * @param dst destination prefix
 * @param dstPorts destination port or range, "5060" or "5060-5070" (tcp and udp only)
 */
public record FilterJson(String protocol, Optional<String> src, Optional<String> dst,
    Optional<String> dstPorts) {
  public FilterJson {
    Objects.requireNonNull(protocol, "filter.protocol");
    src = src == null ? Optional.empty() : src;
    dst = dst == null ? Optional.empty() : dst;
    dstPorts = dstPorts == null ? Optional.empty() : dstPorts;
  }

  /** The steering filter; IllegalArgumentException naming what is wrong. */
  Filter toFilter() {
    Filter f = Filter.of(Protocol.parse(protocol));
    if (dstPorts.isPresent()) {
      f = f.withDstPorts(PortRange.parse(dstPorts.get()));
    }
    if (src.isPresent()) {
      f = f.withSrc(src.get());
    }
    if (dst.isPresent()) {
      f = f.withDst(dst.get());
    }
    return f;
  }

  static FilterJson of(Filter f) {
    return new FilterJson(f.protocol().name().toLowerCase(java.util.Locale.ROOT), f.src().map(Object::toString),
        f.dst().map(Object::toString), f.dstPorts().map(p -> p.low() == p.high() ? String.valueOf(p.low())
            : p.low() + "-" + p.high()));
  }
}
