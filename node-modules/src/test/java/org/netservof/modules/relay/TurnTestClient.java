package org.netservof.modules.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import org.netservof.modules.testing.LoopbackContext;

/** A TURN client over a real UDP socket on 127.0.0.1: a user agent that talks to the relay. */
final class TurnTestClient implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress server;

  TurnTestClient(int serverPort) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(LoopbackContext.LOOPBACK, 0));
    socket.setSoTimeout(5000);
    server = new InetSocketAddress(LoopbackContext.LOOPBACK, serverPort);
  }

  /**
   * Sends {@code request} and answers the response with its transaction id; sent again after a second without
   * one, as STUN clients do (UDP may lose it: a burst before it can fill the server's receive buffer).
   */
  StunMessage request(StunMessage request) throws IOException {
    return request(StunCodec.encode(request), request.transactionId());
  }

  /** Sends {@code datagram} until an answer with {@code transactionId} comes, five times at most. */
  StunMessage request(byte[] datagram, byte[] transactionId) throws IOException {
    for (int tries = 0; tries < 5; tries++) {
      send(datagram);
      Optional<byte[]> answer;
      while ((answer = receive(1000)).isPresent()) {
        StunMessage m = decode(answer.get());
        if (Arrays.equals(m.transactionId(), transactionId)) {
          return m;
        }
      }
    }
    throw new IOException("no answer to " + datagram.length + " bytes");
  }

  void send(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, server));
  }

  /** The next datagram, or empty after {@code timeoutMs}. */
  Optional<byte[]> receive(int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    byte[] buffer = new byte[65_535];
    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(p);
      return Optional.of(Arrays.copyOf(buffer, p.getLength()));
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
  }

  static StunMessage decode(byte[] datagram) throws IOException {
    if (StunCodec.decode(datagram, datagram.length) instanceof StunCodec.Valid valid) {
      return valid.message();
    }
    throw new IOException("not a STUN message: " + datagram.length + " bytes");
  }

  @Override
  public void close() {
    socket.close();
  }
}
