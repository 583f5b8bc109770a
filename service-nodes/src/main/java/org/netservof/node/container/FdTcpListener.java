package org.netservof.node.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.api.TcpListener;
import org.netservof.node.io.InetSockets;

/** A module's TCP listener over the descriptor its node agent bound, set listening and passed. */
final class FdTcpListener extends OwnedFd implements TcpListener {
  private final long ioTimeoutMillis;

  /** @param ioTimeoutMillis how long a blocking call on an accepted connection may wait */
  FdTcpListener(int fd, int port, long ioTimeoutMillis) {
    super(fd, port, "tcp:" + port);
    this.ioTimeoutMillis = ioTimeoutMillis;
  }

  @Override
  public Optional<TcpConnection> accept(Duration timeout) throws IOException {
    return use(fd -> {
      if (!InetSockets.readable(fd, FdTimeouts.millis(timeout))) {
        return Optional.empty();
      }
      InetSocketAddress[] peer = new InetSocketAddress[1];
      int connection = InetSockets.accept(fd, peer);
      FdTcpConnection accepted = FdTcpConnection.accepted(connection, peer[0]);
      try {
        InetSockets.setTimeouts(connection, ioTimeoutMillis);
      } catch (IOException e) {
        accepted.close();
        throw e;
      }
      return Optional.of(accepted);
    });
  }
}
