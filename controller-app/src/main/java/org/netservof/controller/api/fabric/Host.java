package org.netservof.controller.api.fabric;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * A host seen at the edge of the fabric.
 *
 * @param vlan the VLAN its frames carry, empty when untagged
 * @param ipv4 addresses it holds: claimed as an ARP sender, and no other host's first
 * @param attachment the edge port it was last seen on
 */
public record Host(MacAddress mac, OptionalInt vlan, Set<IPv4Address> ipv4, SwitchPort attachment,
    Instant firstSeen, Instant lastSeen) {
  public Host {
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(vlan, "vlan");
    ipv4 = Set.copyOf(ipv4);
    Objects.requireNonNull(attachment, "attachment");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
