package org.netservof.node.container;

import java.io.Closeable;
import java.io.IOException;
import org.netservof.node.io.InetSockets;

/**
 * A socket descriptor a module holds, closed exactly once and never while a call uses it: a number closed
 * under a running call could be reused by the next socket opened, and the call would then reach that other
 * socket. A close during a call wakes it (shutdown) and leaves the descriptor to the call's end; a call after
 * the close fails.
 */
class OwnedFd implements Closeable {
  /** A call on the descriptor. */
  @FunctionalInterface
  interface Call<T> {
    T on(int fd) throws IOException;
  }

  private final int fd;
  private final int port;
  private final String name;
  private int users; // guarded by this
  private boolean closed; // guarded by this

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

  /** Runs {@code call} on the descriptor, which stays open meanwhile; fails once it is closed. */
  final <T> T use(Call<T> call) throws IOException {
    synchronized (this) {
      if (closed) {
        throw closedError();
      }
      users++;
    }
    try {
      return call.on(fd);
    } catch (IOException e) {
      throw isClosed() ? closedError() : e; // woken by a close: say so
    } finally {
      release();
    }
  }

  /** Whether it was closed (a call woken by the close checks it). */
  final synchronized boolean isClosed() {
    return closed;
  }

  final IOException closedError() {
    return new IOException(name + " is closed");
  }

  private synchronized void release() {
    if (--users == 0 && closed) {
      InetSockets.close(fd);
    }
  }

  @Override
  public final synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (users > 0) {
      InetSockets.shutdown(fd); // the last call to end closes it
    } else {
      InetSockets.close(fd);
    }
  }
}
