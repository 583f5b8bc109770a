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
  FdTcpListener(int fd, int port) {
    super(fd, port, "tcp:" + port);
  }

  @Override
  public Optional<TcpConnection> accept(Duration timeout) throws IOException {
    open();
    if (!InetSockets.readable(fd, FdTimeouts.millis(timeout))) {
      return Optional.empty();
    }
    InetSocketAddress[] peer = new InetSocketAddress[1];
    int connection = InetSockets.accept(fd, peer);
    return Optional.of(FdTcpConnection.accepted(connection, peer[0]));
  }
}
