package org.netservof.controller.api.fabric;

import java.util.Objects;
import org.projectfloodlight.openflow.types.IPv4Address;

/**
 * A second MAC claimed (as an ARP sender) an address another host already holds. The holder keeps it until
 * it is forgotten (quiet for {@code hosts.idle-timeout}, evicted, or its port goes down); the claim is not
 * learnt. Either a host took over the address and its predecessor has not aged out yet, or someone is
 * poisoning ARP.
 *
 * @param address the address claimed
 * @param holder the host that keeps it
 * @param claimant the host that claimed it, as learnt without it (its attachment is where the claim came in)
 */
public record AddressConflict(IPv4Address address, Host holder, Host claimant) {
  public AddressConflict {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(claimant, "claimant");
  }
}
