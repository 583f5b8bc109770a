package org.netservof.node.api;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * One TCP connection, accepted ({@link TcpListener}) or made ({@link ModuleContext#connectTcp}); closing it (or
 * either stream) closes the socket.
 */
public interface TcpConnection extends Closeable {
  /** The other end's address and port: the client's, or the server's the module connected to. */
  InetSocketAddress peer();

  /** The bytes the client sends; reads block until some come or the client closes. */
  InputStream input();

  OutputStream output();
}
