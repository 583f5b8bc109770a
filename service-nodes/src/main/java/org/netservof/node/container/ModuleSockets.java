package org.netservof.node.container;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.api.TcpListener;
import org.netservof.node.api.UdpEndpoint;
import org.netservof.node.io.InetSockets;
import org.netservof.node.io.ListenChannel;

/**
 * The listening sockets and outgoing connections of one module: asked of the root agent over the container's
 * listen channel (the container itself has only loopback and no capabilities), and all closed when the module
 * is removed or unloaded, so a module that forgets to close one does not keep its port from the next install.
 * Once closed it opens nothing more (a module's own thread may still ask after it was removed). Every blocking
 * call on a socket, and every request to the agent, waits at most the I/O timeout.
 */
final class ModuleSockets implements Closeable {
  private final ListenChannel channel;
  private final Duration ioTimeout;
  private final List<Closeable> open = new ArrayList<>(); // guarded by this
  private boolean closed; // guarded by this

  /** @param channel the container's listen channel; null when the container has none (a module test, a bench) */
  ModuleSockets(ListenChannel channel) {
    this(channel, Duration.ofSeconds(30));
  }

  /** @param ioTimeout how long one blocking call on a socket, or one request to the agent, may wait */
  ModuleSockets(ListenChannel channel, Duration ioTimeout) {
    this.channel = channel;
    this.ioTimeout = ioTimeout;
  }

  UdpEndpoint udp(int port) throws IOException {
    return track(new FdUdpEndpoint(request("udp", port), port));
  }

  TcpListener tcp(int port) throws IOException {
    return track(new FdTcpListener(request("tcp", port), port, ioTimeout.toMillis()));
  }

  /** A TCP connection the agent made for the module, closed with the others when the module goes. */
  TcpConnection connect(InetSocketAddress to, Duration timeout) throws IOException {
    return track(FdTcpConnection.connected(bounded(channel().connect(to, timeout, ioTimeout)), to));
  }

  private int request(String protocol, int port) throws IOException {
    return bounded(channel().request(protocol, port, ioTimeout));
  }

  private ListenChannel channel() throws IOException {
    if (channel == null) {
      throw new IOException("this container cannot open listening sockets or connections (it has no channel to "
          + "its node agent)");
    }
    synchronized (this) {
      if (closed) {
        throw closedError();
      }
    }
    return channel;
  }

  /** Bounds every blocking call on {@code fd} to the I/O timeout; closes it if that fails. */
  private int bounded(int fd) throws IOException {
    try {
      InetSockets.setTimeouts(fd, ioTimeout.toMillis());
    } catch (IOException e) {
      InetSockets.close(fd);
      throw e;
    }
    return fd;
  }

  /** Keeps a new socket to close with the others; one that came after the close is closed at once. */
  private synchronized <T extends Closeable> T track(T socket) throws IOException {
    if (closed) {
      socket.close();
      throw closedError();
    }
    open.add(socket);
    return socket;
  }

  private static IOException closedError() {
    return new IOException("this module's sockets are closed: the module was removed or unloaded");
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Closeable c : open) {
      try {
        c.close();
      } catch (IOException e) {
        // closing is all that is left to do
      }
    }
    open.clear();
  }
}
