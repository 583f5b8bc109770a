package org.netservof.node.container;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netservof.node.io.InetSockets;

/**
 * A socket descriptor a module holds, closed exactly once: a number closed twice could close another socket
 * that reused it, and a use after close must fail rather than reach that other socket.
 */
class OwnedFd implements Closeable {
  final int fd;
  private final int port;
  private final String name;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param port the port it is bound to (a listening socket) or the peer's (a connection)
   * @param name what a use after close names
   */
  OwnedFd(int fd, int port, String name) {
    this.fd = fd;
    this.port = port;
    this.name = name;
  }

  public final int port() {
    return port;
  }

  /** Fails once the descriptor is closed. */
  final void open() throws IOException {
    if (closed.get()) {
      throw new IOException(name + " is closed");
    }
  }

  @Override
  public final void close() {
    if (closed.compareAndSet(false, true)) {
      InetSockets.close(fd);
    }
  }
}
