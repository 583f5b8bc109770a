package org.netservof.node.api;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A UDP socket bound to a granted port on the node's service address ({@link ModuleContext#listenUdp}). Calls
 * block the module's own thread, never the packet path: a server module runs its loop on a thread it starts.
 */
public interface UdpEndpoint extends Closeable {
  /** The port it is bound to. */
  int port();

  /**
   * Waits up to {@code timeout} for one datagram and copies it into {@code buffer} (cut to the buffer's length).
   *
   * @return its sender and length, or empty if none came in time
   */
  Optional<Datagram> receive(byte[] buffer, Duration timeout) throws IOException;

  /** Sends the first {@code length} bytes of {@code data} to {@code to} (IPv4), from the bound port. */
  void send(byte[] data, int length, InetSocketAddress to) throws IOException;
}
