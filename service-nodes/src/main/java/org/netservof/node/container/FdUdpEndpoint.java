package org.netservof.node.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.netservof.node.api.Datagram;
import org.netservof.node.api.UdpEndpoint;
import org.netservof.node.io.InetSockets;

/** A module's UDP endpoint over the descriptor its node agent bound and passed. */
final class FdUdpEndpoint extends OwnedFd implements UdpEndpoint {
  FdUdpEndpoint(int fd, int port) {
    super(fd, port, "udp:" + port);
  }

  @Override
  public Optional<Datagram> receive(byte[] buffer, Duration timeout) throws IOException {
    return use(fd -> {
      if (!InetSockets.readable(fd, FdTimeouts.millis(timeout))) {
        return Optional.empty();
      }
      int[] length = new int[1];
      InetSocketAddress sender = InetSockets.receiveFrom(fd, buffer, length);
      if (isClosed()) { // woken by the close, not by a datagram
        throw closedError();
      }
      return Optional.of(new Datagram(sender, Math.min(length[0], buffer.length)));
    });
  }

  @Override
  public void send(byte[] data, int length, InetSocketAddress to) throws IOException {
    use(fd -> {
      InetSockets.sendTo(fd, data, length, to);
      return null;
    });
  }
}
