package org.netservof.controller.api.fabric;

import java.util.Objects;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The one host a service node's port may teach host tracking: the node itself, by the MAC it registered with
 * (confirmed by its hello frame through that port) and the service address the controller's configuration gives
 * it. Anything else that comes out of a node's port, a module's forged ARP included, teaches nothing.
 */
public record NodeHost(MacAddress mac, IPv4Address address) {
  public NodeHost {
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(address, "address");
  }
}
