package org.netservof.controller.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netservof.controller.api.PortChange;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * The ports one switch announced, as an immutable map replaced on each port status: readers on any thread see
 * a whole table, the switch's I/O thread is the only writer.
 */
final class PortTable {
  /**
   * The most ports one switch may announce. Physical switches have tens, a busy Open vSwitch bridge hundreds;
   * without a bound a hostile switch announcing ports without end would grow the controller's heap, and each
   * announcement copies the table, so the bound also caps the CPU a port status costs.
   */
  static final int MAX_PORTS = 4096;

  private volatile Map<OFPort, OFPortDesc> ports;

  PortTable(List<OFPortDesc> initial) {
    Map<OFPort, OFPortDesc> m = new LinkedHashMap<>();
    initial.forEach(p -> m.put(p.getPortNo(), p));
    ports = Map.copyOf(m);
  }

  Collection<OFPortDesc> all() {
    return ports.values();
  }

  Optional<OFPortDesc> get(OFPort number) {
    return Optional.ofNullable(ports.get(number));
  }

  boolean contains(OFPort number) {
    return ports.containsKey(number);
  }

  /** Applies a port status; empty when it would add a port beyond {@link #MAX_PORTS} (nothing changes). */
  Optional<PortChange> apply(OFPortStatus status) {
    OFPortDesc desc = status.getDesc();
    Optional<OFPortDesc> before = get(desc.getPortNo());
    PortChange change = PortStates.change(status.getReason(), before, desc);
    if (before.isEmpty() && change != PortChange.REMOVED && ports.size() >= MAX_PORTS) {
      return Optional.empty();
    }
    Map<OFPort, OFPortDesc> next = new LinkedHashMap<>(ports);
    if (change == PortChange.REMOVED) {
      next.remove(desc.getPortNo());
    } else {
      next.put(desc.getPortNo(), desc);
    }
    ports = Map.copyOf(next);
    return Optional.of(change);
  }
}
