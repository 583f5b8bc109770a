package org.netservof.bridge.signaling;

import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.protocol.signaling.SignalRequest;

/** The filter a SETUP's {@code filter-*} headers ask for, in steering's terms. */
final class SignalFilters {
  private SignalFilters() {}

  static Filter filterOf(SignalRequest request) throws Refusal {
    try {
      Filter f = Filter.of(request.filterProto().map(SignalFilters::protocol).orElse(Protocol.ANY));
      if (request.filterPort().isPresent()) {
        f = f.withDstPorts(new PortRange(request.filterPort().get().from(), request.filterPort().get().to()));
      }
      if (request.filterDst().isPresent()) {
        f = f.withDst(request.filterDst().get());
      }
      if (request.filterSrc().isPresent()) {
        f = f.withSrc(request.filterSrc().get());
      }
      return f;
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, e.getMessage());
    }
  }

  private static Protocol protocol(String text) {
    if (text.chars().allMatch(Character::isDigit)) {
      return switch (Integer.parseInt(text)) {
        case 1 -> Protocol.ICMP;
        case 6 -> Protocol.TCP;
        case 17 -> Protocol.UDP;
        default -> throw new IllegalArgumentException("filter-proto " + text
            + " cannot be steered: only udp, tcp and icmp can");
      };
    }
    return Protocol.parse(text);
  }
}
