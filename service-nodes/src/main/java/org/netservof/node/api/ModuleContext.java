package org.netservof.node.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

/** What a module gets from its container. */
public interface ModuleContext {

  /** The {@code properties} of the install request ({@code key=value} pairs). */
  Map<String, String> properties();

  /** Sends a new packet into the network (a reply, say), after the packet being processed. */
  void emit(Packet packet);

  /**
   * Publishes a report (JSON-able values: strings, numbers, booleans, lists and maps of them) for the module's
   * publisher now, in addition to the pulled {@link NetServModule#report()}. The container lets a module
   * publish a few at once and about one a second, each at most 8 KiB as JSON; one over that is dropped.
   */
  void publish(Map<String, Object> report);

  /** A monotonic clock in nanoseconds; tests move it by hand. */
  long nanoTime();

  /**
   * A UDP socket on the node's service address and {@code port}, for a server module. The node agent opens it
   * only if the user's {@code listen-ports} grant names {@code udp:PORT}; the module closes it when it stops.
   *
   * @throws IOException in the user's words when the grant does not name the port, the node has no service
   *     address, or the port is taken
   */
  default UdpEndpoint listenUdp(int port) throws IOException {
    throw new IOException("this container cannot open listening sockets");
  }

  /**
   * A listening TCP socket on the node's service address and {@code port}; granted as {@code tcp:PORT}, as
   * {@link #listenUdp}.
   */
  default TcpListener listenTcp(int port) throws IOException {
    throw new IOException("this container cannot open listening sockets");
  }

  /**
   * A TCP connection from the node's service address to {@code to} (IPv4), made within {@code timeout} (at most
   * 10 seconds), for a module that needs a server of its own (an origin): a container has no network of its
   * own, so the node agent connects for it, bound to the data-plane interface, and only to an address and port
   * the user's {@code connect-to} grant names ({@code 10.0.0.0/24:80}). Loopback, link-local and the node's own
   * networks are refused whatever the grant. The module closes it when done; the container closes it when the
   * module stops.
   *
   * @throws IOException in the user's words when the grant does not name the target, the node has no service
   *     address, or the connection cannot be made in time
   */
  default TcpConnection connectTcp(InetSocketAddress to, Duration timeout) throws IOException {
    throw new IOException("this container cannot open connections");
  }
}
