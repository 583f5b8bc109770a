package org.netservof.controller.api.fabric;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.netservof.controller.api.ListenerService;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/** Hosts learnt at the edge of the fabric. */
public interface HostService extends ListenerService<HostListener> {

  Collection<Host> hosts();

  Optional<Host> byMac(MacAddress mac);

  /** Hosts that used the address; more than one means a conflict (or a move in progress). */
  List<Host> byIpv4(IPv4Address address);
}
