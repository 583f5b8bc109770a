package org.netservof.controller.hosts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostEvent;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/** Hosts by MAC; time is passed in. A host has one attachment point: seen elsewhere, it moved. Thread-safe. */
final class HostStore {
  private final Map<MacAddress, Host> hosts = new HashMap<>();

  /**
   * A frame from {@code mac} arrived at edge port {@code at}.
   *
   * @param ip the sender address the frame proved (ARP sender or IPv4 source), if any
   * @return the change, if the host is new, moved, or showed a new address
   */
  synchronized Optional<HostEvent> observe(MacAddress mac, OptionalInt vlan, Optional<IPv4Address> ip,
      SwitchPort at, Instant now) {
    Host before = hosts.get(mac);
    if (before == null) {
      Host added = new Host(mac, vlan, ip.map(Set::of).orElse(Set.of()), at, now, now);
      hosts.put(mac, added);
      return Optional.of(new HostEvent(HostEvent.Type.ADDED, Optional.empty(), added));
    }
    Set<IPv4Address> addresses = before.ipv4();
    boolean newAddress = ip.isPresent() && !addresses.contains(ip.get());
    if (newAddress) {
      addresses = new HashSet<>(addresses);
      addresses.add(ip.get());
    }
    boolean moved = !before.attachment().equals(at);
    Host after = new Host(mac, vlan, addresses, at, before.firstSeen(), now);
    hosts.put(mac, after);
    if (moved) {
      return Optional.of(new HostEvent(HostEvent.Type.MOVED, Optional.of(before), after));
    }
    return newAddress ? Optional.of(new HostEvent(HostEvent.Type.UPDATED, Optional.of(before), after))
        : Optional.empty();
  }

  /** Hosts not seen for {@code idle}. */
  synchronized List<HostEvent> expire(Instant now, Duration idle) {
    Instant oldest = now.minus(idle);
    return removeIf(h -> h.lastSeen().isBefore(oldest));
  }

  /** Hosts whose attachment point no longer qualifies (port down, or now known to be a link port). */
  synchronized List<HostEvent> removeAttachedWhere(Predicate<SwitchPort> gone) {
    return removeIf(h -> gone.test(h.attachment()));
  }

  synchronized Collection<Host> all() {
    return List.copyOf(hosts.values());
  }

  synchronized Optional<Host> byMac(MacAddress mac) {
    return Optional.ofNullable(hosts.get(mac));
  }

  /** Hosts that used the address, most recently seen first. */
  synchronized List<Host> byIpv4(IPv4Address ip) {
    return hosts.values().stream().filter(h -> h.ipv4().contains(ip))
        .sorted((a, b) -> b.lastSeen().compareTo(a.lastSeen())).toList();
  }

  private List<HostEvent> removeIf(Predicate<Host> doomed) {
    List<HostEvent> events = new ArrayList<>();
    hosts.values().removeIf(h -> {
      if (doomed.test(h)) {
        events.add(new HostEvent(HostEvent.Type.REMOVED, Optional.of(h), h));
        return true;
      }
      return false;
    });
    return events;
  }
}
