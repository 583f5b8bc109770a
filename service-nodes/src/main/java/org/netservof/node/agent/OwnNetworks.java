package org.netservof.node.agent;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.netservof.protocol.node.ConnectGrant;

/**
 * The node's own networks, where no module may connect whatever its user's {@code connect-to} says: every IPv4
 * network of an interface other than the data plane's (the management network the node's agent reaches its
 * controller and module server by), and the service address itself. Read at each request, so an interface that
 * came up since counts.
 */
final class OwnNetworks {
  /** One network: an address of the node and its prefix length. */
  record Network(InetAddress address, int length) {}

  private final Supplier<List<Network>> networks;

  OwnNetworks(Supplier<List<Network>> networks) {
    this.networks = networks;
  }

  /** The networks of every interface but {@code device} (all of them when null). */
  static OwnNetworks besides(String device) {
    return new OwnNetworks(() -> read(device));
  }

  /**
   * @throws SecurityException in the user's words when {@code to} is on one of the node's own networks or is the
   *     service address
   */
  void check(String user, InetAddress to, Optional<Inet4Address> serviceAddress) {
    if (serviceAddress.isPresent() && serviceAddress.get().equals(to)) {
      throw new SecurityException("user '" + user + "' may not connect to " + to.getHostAddress()
          + ": it is this node's own service address");
    }
    for (Network n : networks.get()) {
      if (ConnectGrant.within(to, n.address(), n.length())) {
        throw new SecurityException("user '" + user + "' may not connect to " + to.getHostAddress()
            + ": it is on the node's own network " + n.address().getHostAddress() + "/" + n.length()
            + ", which no grant opens");
      }
    }
  }

  private static List<Network> read(String device) {
    List<Network> out = new ArrayList<>();
    try {
      for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (i.getName().equals(device)) {
          continue;
        }
        for (InterfaceAddress a : i.getInterfaceAddresses()) {
          if (a.getAddress() instanceof Inet4Address) {
            out.add(new Network(a.getAddress(), a.getNetworkPrefixLength()));
          }
        }
      }
    } catch (SocketException e) {
      // Fail closed: with the interfaces unknown, every IPv4 address counts as the node's own.
      out.add(new Network(InetAddress.getLoopbackAddress(), 0));
    }
    return out;
  }
}
