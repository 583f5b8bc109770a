package org.netservof.modules.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.api.TcpListener;

/**
 * A module's listening TCP socket over a real {@link ServerSocket} on 127.0.0.1. Its connections have no read
 * timeout, as the node's descriptor-backed ones have none: a module bounds a slow client by closing it.
 */
public final class LoopbackTcpListener implements TcpListener {
  private final ServerSocket server;

  public LoopbackTcpListener(int port) throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(LoopbackContext.LOOPBACK, port), 50);
  }

  @Override
  public int port() {
    return server.getLocalPort();
  }

  @Override
  public Optional<TcpConnection> accept(Duration timeout) throws IOException {
    server.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    try {
      Socket socket = server.accept();
      return Optional.of(new Connection(socket, socket.getInputStream(), socket.getOutputStream()));
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** A real socket as a module's connection, accepted or made ({@link LoopbackContext#connectTcp}). */
  record Connection(Socket socket, InputStream input, OutputStream output) implements TcpConnection {
    @Override
    public InetSocketAddress peer() {
      return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
