package org.netservof.modules.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.netservof.node.api.Datagram;
import org.netservof.node.api.UdpEndpoint;

/** A module's UDP endpoint over a real {@link DatagramSocket} on 127.0.0.1, as a node agent would pass one. */
public final class LoopbackUdpEndpoint implements UdpEndpoint {
  private final DatagramSocket socket;

  public LoopbackUdpEndpoint(int port) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(LoopbackContext.LOOPBACK, port));
  }

  @Override
  public int port() {
    return socket.getLocalPort();
  }

  @Override
  public Optional<Datagram> receive(byte[] buffer, Duration timeout) throws IOException {
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    return Optional.of(new Datagram((InetSocketAddress) packet.getSocketAddress(), packet.getLength()));
  }

  @Override
  public void send(byte[] data, int length, InetSocketAddress to) throws IOException {
    socket.send(new DatagramPacket(data, length, to));
  }

  @Override
  public void close() {
    socket.close();
  }
}
