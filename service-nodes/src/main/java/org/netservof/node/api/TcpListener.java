package org.netservof.node.api;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A listening TCP socket on a granted port of the node's service address ({@link ModuleContext#listenTcp}). */
public interface TcpListener extends Closeable {
  /** The port it listens on. */
  int port();

  /** Waits up to {@code timeout} for a connection; empty if none came in time. */
  Optional<TcpConnection> accept(Duration timeout) throws IOException;
}
