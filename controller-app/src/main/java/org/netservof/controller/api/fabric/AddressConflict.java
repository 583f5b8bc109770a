package org.netservof.controller.api.fabric;

import java.time.Instant;
import java.util.Objects;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * A second MAC claimed (in an ARP sender field) an address another host already holds. The holder keeps it
 * until it is forgotten (quiet for {@code hosts.idle-timeout}, or its port goes down); the claim is not
 * learnt. Either a host took over the address and its predecessor has not aged out yet, or someone is
 * poisoning ARP.
 *
 * @param address the address claimed
 * @param holder the host that keeps it
 * @param claimant the MAC that claimed it
 * @param claimedAt the edge port the claim came in on
 */
public record AddressConflict(IPv4Address address, Host holder, MacAddress claimant, SwitchPort claimedAt,
    Instant at) {
  public AddressConflict {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(claimant, "claimant");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(at, "at");
  }
}
