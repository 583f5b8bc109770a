package org.netservof.controller.api.fabric;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.netservof.controller.api.ListenerService;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * Hosts learnt at the edge of the fabric. The table is bounded ({@code hosts.max-hosts}: a new host then
 * evicts the least recently seen one); addresses are learnt from ARP senders only, each address belongs to
 * one host at a time, and a host holds a bounded number of them.
 */
public interface HostService extends ListenerService<HostListener> {

  Collection<Host> hosts();

  Optional<Host> byMac(MacAddress mac);

  /** The host that holds the address (at most one: a second claimant is reported, not learnt). */
  List<Host> byIpv4(IPv4Address address);

  /** Hosts evicted and address claims refused, since the start. */
  HostCounts counts();
}
