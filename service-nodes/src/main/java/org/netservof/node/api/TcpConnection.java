package org.netservof.node.api;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/** One accepted TCP connection; closing it (or either stream) closes the socket. */
public interface TcpConnection extends Closeable {
  /** The client's address and port. */
  InetSocketAddress peer();

  /** The bytes the client sends; reads block until some come or the client closes. */
  InputStream input();

  OutputStream output();
}
