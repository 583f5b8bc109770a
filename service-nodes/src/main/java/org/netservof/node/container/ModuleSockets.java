package org.netservof.node.container;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.netservof.node.api.TcpListener;
import org.netservof.node.api.UdpEndpoint;
import org.netservof.node.io.ListenChannel;

/**
 * The listening sockets of one module: asked of the root agent over the container's listen channel (the
 * container itself has only loopback and no capabilities), and all closed when the module is removed or
 * unloaded, so a module that forgets to close one does not keep its port from the next install.
 */
final class ModuleSockets implements Closeable {
  private final ListenChannel channel;
  private final List<Closeable> open = new ArrayList<>(); // guarded by this

  /** @param channel the container's listen channel; null when the container has none (a module test, a bench) */
  ModuleSockets(ListenChannel channel) {
    this.channel = channel;
  }

  UdpEndpoint udp(int port) throws IOException {
    return track(new FdUdpEndpoint(request("udp", port), port));
  }

  TcpListener tcp(int port) throws IOException {
    return track(new FdTcpListener(request("tcp", port), port));
  }

  private int request(String protocol, int port) throws IOException {
    if (channel == null) {
      throw new IOException("this container cannot open listening sockets (it has no channel to its node agent)");
    }
    return channel.request(protocol, port);
  }

  private synchronized <T extends Closeable> T track(T socket) {
    open.add(socket);
    return socket;
  }

  @Override
  public synchronized void close() {
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
