package org.netservof.controller.hosts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.netservof.controller.api.fabric.AddressConflict;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostCounts;
import org.netservof.controller.api.fabric.HostEvent;
import org.netservof.controller.util.MacKeys;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * Hosts by MAC; time is passed in. A host has one attachment point: seen elsewhere, it moved. Bounded: a new
 * host beyond {@code maxHosts} evicts the least recently seen one, so a MAC spray costs the oldest entries,
 * never the controller's memory. An address belongs to one host: the first to claim it keeps it until that
 * host is forgotten, so a host cannot take a neighbour's address (and its proxy-ARP answers) by claiming it.
 * Tracks the ports where hosts live ({@link HostPorts}) and reports each port that starts or stops being one.
 * Thread-safe.
 */
final class HostStore {
  /** Addresses one MAC may hold: enough for a host with aliases, not for one that claims a subnet. */
  static final int MAX_ADDRESSES_PER_HOST = 8;

  /** What one frame taught: host changes (an eviction first, if any) and a refused address claim. */
  record Learnt(List<HostEvent> events, Optional<AddressConflict> conflict) {}

  private static final Learnt NOTHING = new Learnt(List.of(), Optional.empty());

  private final int maxHosts;
  private final BiConsumer<SwitchPort, Boolean> hostFacing;
  /** By {@link MacKeys}, in order of last sighting, least recent first. */
  private final LinkedHashMap<Long, Host> hosts = new LinkedHashMap<>();
  private final Map<IPv4Address, MacAddress> holders = new HashMap<>();
  private final HostPorts ports = new HostPorts();
  private long evicted;
  private long refused;

  /**
   * @param hostFacing told, under this store's lock, when a port starts ({@code true}) or stops being a port
   *     where hosts live
   */
  HostStore(int maxHosts, BiConsumer<SwitchPort, Boolean> hostFacing) {
    if (maxHosts < 1) {
      throw new IllegalArgumentException("max-hosts must be at least 1, was " + maxHosts);
    }
    this.maxHosts = maxHosts;
    this.hostFacing = hostFacing;
  }

  /**
   * A frame from {@code mac} arrived at edge port {@code at}.
   *
   * @param ip the address the frame claims for its sender (an ARP sender address), if any
   */
  synchronized Learnt observe(MacAddress mac, OptionalInt vlan, Optional<IPv4Address> ip, SwitchPort at,
      Instant now) {
    Long key = MacKeys.of(mac);
    Host before = hosts.remove(key);
    if (before != null && ip.isEmpty() && before.attachment().equals(at) && before.vlan().equals(vlan)) {
      return seenAgain(key, before, now); // the common case, once per PacketIn
    }
    List<HostEvent> events = new ArrayList<>();
    if (before == null && hosts.size() >= maxHosts) {
      events.add(evictOldest());
    }
    Set<IPv4Address> addresses = new HashSet<>(before == null ? Set.of() : before.ipv4());
    Optional<MacAddress> holder = ip.flatMap(a -> bind(a, mac, addresses));
    Host after = new Host(mac, vlan, addresses, at, before == null ? now : before.firstSeen(), now);
    hosts.put(key, after);
    Optional<AddressConflict> conflict = holder.map(h -> new AddressConflict(ip.orElseThrow(),
        hosts.get(MacKeys.of(h)), after));
    if (before == null) {
      ports.added(after);
      events.add(new HostEvent(HostEvent.Type.ADDED, Optional.empty(), after));
    } else if (!before.attachment().equals(at)) {
      ports.left(before, hostFacing);
      events.add(new HostEvent(HostEvent.Type.MOVED, Optional.of(before), after));
    } else if (!addresses.equals(before.ipv4())) {
      events.add(new HostEvent(HostEvent.Type.UPDATED, Optional.of(before), after));
    }
    ports.seen(after, hostFacing);
    return new Learnt(events, conflict);
  }

  /** A known host where it was, claiming nothing new: only its last sighting changes. */
  private Learnt seenAgain(Long key, Host before, Instant now) {
    Host after = new Host(before.mac(), before.vlan(), before.ipv4(), before.attachment(), before.firstSeen(), now);
    hosts.put(key, after);
    ports.seen(after, hostFacing);
    return NOTHING;
  }

  /** Binds {@code ip} to {@code mac} (adding it to {@code addresses}) unless another host holds it; that host. */
  private Optional<MacAddress> bind(IPv4Address ip, MacAddress mac, Set<IPv4Address> addresses) {
    MacAddress holder = holders.get(ip);
    if (holder != null && !holder.equals(mac)) {
      refused++;
      return Optional.of(holder);
    }
    if (holder == null && addresses.size() >= MAX_ADDRESSES_PER_HOST) {
      refused++;
      return Optional.empty();
    }
    holders.put(ip, mac);
    addresses.add(ip);
    return Optional.empty();
  }

  private HostEvent evictOldest() {
    Iterator<Host> oldest = hosts.values().iterator();
    Host gone = oldest.next();
    oldest.remove();
    forget(gone);
    evicted++;
    return new HostEvent(HostEvent.Type.REMOVED, Optional.of(gone), gone);
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

  /**
   * Forgets a host another member now has on a switch it masters, as it was here (no event: the caller
   * reports the move).
   */
  synchronized Optional<Host> handOver(MacAddress mac) {
    Host h = hosts.remove(MacKeys.of(mac));
    if (h != null) {
      forget(h);
    }
    return Optional.ofNullable(h);
  }

  synchronized Collection<Host> all() {
    return List.copyOf(hosts.values());
  }

  synchronized Optional<Host> byMac(MacAddress mac) {
    return Optional.ofNullable(hosts.get(MacKeys.of(mac)));
  }

  /** The host that holds the address, if any. */
  synchronized List<Host> byIpv4(IPv4Address ip) {
    MacAddress holder = holders.get(ip);
    return holder == null ? List.of() : List.of(hosts.get(MacKeys.of(holder)));
  }

  synchronized HostCounts counts() {
    return new HostCounts(evicted, refused);
  }

  private List<HostEvent> removeIf(Predicate<Host> doomed) {
    List<Host> gone = hosts.values().stream().filter(doomed).toList();
    List<HostEvent> events = new ArrayList<>();
    for (Host h : gone) {
      hosts.remove(MacKeys.of(h.mac()));
      forget(h);
      events.add(new HostEvent(HostEvent.Type.REMOVED, Optional.of(h), h));
    }
    return events;
  }

  /** Releases what a host that is gone held: its addresses, and its claim on its port. */
  private void forget(Host h) {
    h.ipv4().forEach(holders::remove);
    ports.left(h, hostFacing);
  }
}
