package org.netservof.node.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netservof.node.io.FdPassing;
import org.netservof.node.io.InetSockets;
import org.netservof.node.io.ListenChannel;
import org.netservof.protocol.log.LogBudget;
import org.netservof.protocol.node.ListenGrant;
import org.netservof.protocol.node.NodeGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listening sockets for server modules: the root agent opens and binds them on the node's service address, in
 * the node's network namespace, for a container that has only loopback and no capabilities, and only on a port
 * its user's {@code listen-ports} grant names. The grant is looked up when the socket is asked for, in the
 * latest grants the controller sent ({@link org.netservof.protocol.node.ChannelMessage.Grants}), never in an
 * install: a grant narrowed or revoked since refuses at once what it no longer names.
 */
final class ServerSockets {
  private static final Logger log = LoggerFactory.getLogger(ServerSockets.class);
  private final Optional<Inet4Address> address;
  /** The data-plane interface every socket is bound to; null in tests without one. */
  private final String device;
  /** What the service address answers: the granted ports only; none in tests without one. */
  private final Optional<ServiceFirewall> firewall;
  private final OwnNetworks ownNetworks;
  private volatile Map<String, NodeGrant> grants = Map.of();
  /** Refusals logged at warn: a container asking in a loop cannot fill the node's disk. */
  private final LogBudget refusals = LogBudget.perPeer();

  /** Sockets bound to the address alone (tests on loopback). */
  ServerSockets(Optional<Inet4Address> address) {
    this(address, null, Optional.empty());
  }

  /**
   * @param address the node's service address; empty when the node has none (it then opens nothing)
   * @param device the data-plane interface: each socket is bound to it (SO_BINDTODEVICE), so what a module sends
   *     leaves by the data plane only, never toward the management network the node's routing table reaches
   * @param firewall the service address's rules (installed already), whose open ports follow the grants
   */
  ServerSockets(Optional<Inet4Address> address, String device, Optional<ServiceFirewall> firewall) {
    this(address, device, firewall, OwnNetworks.besides(device));
  }

  /** @param ownNetworks where no module may connect, whatever its user's grant */
  ServerSockets(Optional<Inet4Address> address, String device, Optional<ServiceFirewall> firewall,
      OwnNetworks ownNetworks) {
    this.address = address;
    this.device = device;
    this.firewall = firewall;
    this.ownNetworks = ownNetworks;
  }

  /** The node's service address, if it has one. */
  Optional<Inet4Address> address() {
    return address;
  }

  /**
   * Puts the grants the controller sent in force, all at once: a user missing has none.
   *
   * @param listenPorts each user's grant entries ({@code udp:3478}, {@code connect:10.0.0.0/24:80})
   */
  void inForce(Map<String, List<String>> listenPorts) {
    Map<String, NodeGrant> next = new HashMap<>();
    try {
      listenPorts.forEach((user, entries) -> next.put(user, NodeGrant.parse(entries)));
    } catch (IllegalArgumentException e) {
      grants = Map.of(); // fail closed: no grant is better than a stale one
      log.error("listen grants from the controller not understood, none in force: {}", e.getMessage());
      openGranted();
      return;
    }
    grants = Map.copyOf(next);
    log.info("listen grants in force: {}", listenPorts);
    openGranted();
  }

  /** Opens on the service address the ports of the grants in force, and no other. */
  private void openGranted() {
    Set<ListenGrant.Port> union = new HashSet<>();
    grants.values().forEach(g -> union.addAll(g.listen().ports()));
    try {
      if (firewall.isPresent()) {
        firewall.get().open(union);
      }
    } catch (IOException e) {
      log.error("the service address's open ports could not follow the grants: {}", e.getMessage());
    }
  }

  /**
   * A bound socket for one of the user's modules.
   *
   * @throws SecurityException when the user's grant does not name the protocol and port
   * @throws IOException when the node has no service address or the port is taken
   */
  int open(String user, String protocol, int port) throws IOException {
    try {
      grants.getOrDefault(user, NodeGrant.NONE).listen().check(user, protocol, port);
    } catch (SecurityException e) {
      refusals.warn(log, "refused a listening socket to a module of {}: {}", user, e.getMessage());
      throw e;
    }
    if (address.isEmpty()) {
      throw new IOException("this node has no service address (its agent was started without --service-address), "
          + "so it cannot open " + protocol + ":" + port + " for " + user);
    }
    int fd = "udp".equals(protocol) ? InetSockets.bindUdp(address.get(), port, device)
        : InetSockets.bindTcp(address.get(), port, device);
    log.info("opened {}:{} on {} for a module of {}", protocol, port, address.get().getHostAddress(), user);
    return fd;
  }

  /**
   * A TCP connection from the service address for one of the user's modules, to an address and port the user's
   * {@code connect-to} grant names and that is not on the node's own networks (see {@link OwnNetworks}).
   *
   * @throws SecurityException when the grant does not name it or it is on the node's own networks
   * @throws IOException when the node has no service address or the connection cannot be made in time
   */
  int connect(String user, InetSocketAddress to, int timeoutMillis) throws IOException {
    try {
      grants.getOrDefault(user, NodeGrant.NONE).connect().check(user, to.getAddress(), to.getPort());
      ownNetworks.check(user, to.getAddress(), address);
    } catch (SecurityException e) {
      refusals.warn(log, "refused a connection to a module of {}: {}", user, e.getMessage());
      throw e;
    }
    if (address.isEmpty()) {
      throw new IOException("this node has no service address (its agent was started without --service-address), "
          + "so it cannot connect to " + to + " for " + user);
    }
    int fd = InetSockets.connectTcp(address.get(), device, to, timeoutMillis);
    log.info("connected {} to {}:{} for a module of {}", address.get().getHostAddress(),
        to.getAddress().getHostAddress(), to.getPort(), user);
    return fd;
  }

  /** Answers one container's listen requests on a daemon thread until the container closes its end. */
  void serve(String user, int agentEnd) {
    Thread t = new Thread(() -> {
      try {
        new ListenChannel(agentEnd).serve((protocol, port) -> open(user, protocol, port),
            (to, millis) -> connect(user, to, millis));
      } catch (IOException e) {
        log.warn("the listen channel of {}'s container failed: {}", user, e.getMessage());
      } finally {
        FdPassing.close(agentEnd);
      }
    }, "listen " + user);
    t.setDaemon(true);
    t.start();
  }
}
