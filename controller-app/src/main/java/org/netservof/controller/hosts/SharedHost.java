package org.netservof.controller.hosts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.netservof.controller.api.fabric.Host;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A host as the member that learnt it (the master of its switch) publishes it in the shared "hosts" store;
 * plain values, so every store serialises it. Its lease is the host idle timeout after it was last seen.
 *
 * @param vlan the VLAN id, or -1 when untagged
 * @param ipv4 its addresses, dotted
 * @param publisher the instance id of the member that learnt it
 */
public record SharedHost(long mac, int vlan, List<String> ipv4, long dpid, int port, long firstSeenMillis,
    long lastSeenMillis, String publisher) {
  public SharedHost {
    ipv4 = List.copyOf(ipv4);
    Objects.requireNonNull(publisher, "publisher");
  }

  static SharedHost of(Host h, String publisher) {
    return new SharedHost(h.mac().getLong(), h.vlan().orElse(-1), h.ipv4().stream().map(Object::toString).sorted()
        .toList(), h.attachment().dpid().getLong(), h.attachment().port().getPortNumber(),
        h.firstSeen().toEpochMilli(), h.lastSeen().toEpochMilli(), publisher);
  }

  Host host() {
    return new Host(MacAddress.of(mac), vlan < 0 ? OptionalInt.empty() : OptionalInt.of(vlan),
        ipv4.stream().map(IPv4Address::of).collect(Collectors.toSet()),
        new SwitchPort(DatapathId.of(dpid), OFPort.of(port)), Instant.ofEpochMilli(firstSeenMillis),
        Instant.ofEpochMilli(lastSeenMillis));
  }

  /** The store key: one entry per MAC, whichever member saw it last. */
  static String key(MacAddress mac) {
    return mac.toString();
  }
}
