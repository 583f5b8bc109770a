package org.netservof.node.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.io.InetSockets;

/**
 * An accepted connection over its descriptor; closing it or either stream closes the socket, once.
 *
 * @param socket the connection's descriptor, which the streams check before each use
 */
record FdTcpConnection(InetSocketAddress peer, InputStream input, OutputStream output, OwnedFd socket)
    implements TcpConnection {

  /** The connection {@code fd} the agent made to {@code peer} for the module. */
  static FdTcpConnection connected(int fd, InetSocketAddress peer) {
    return accepted(fd, peer); // a connected socket is used as an accepted one is
  }

  /** The connection {@code fd}, accepted from {@code peer}. */
  static FdTcpConnection accepted(int fd, InetSocketAddress peer) {
    OwnedFd socket = new OwnedFd(fd, peer.getPort(), "the connection from " + peer);
    InputStream in = new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = readNBytes(1);
        return one.length == 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : socket.use(fd -> InetSockets.read(fd, b, off, len));
      }

      @Override
      public void close() {
        socket.close();
      }
    };
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        socket.use(fd -> {
          InetSockets.write(fd, b, off, len);
          return null;
        });
      }

      @Override
      public void close() {
        socket.close();
      }
    };
    return new FdTcpConnection(peer, in, out, socket);
  }

  @Override
  public void close() {
    socket.close();
  }
}
