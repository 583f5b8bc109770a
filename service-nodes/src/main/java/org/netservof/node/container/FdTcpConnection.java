package org.netservof.node.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.io.InetSockets;

/** An accepted connection over its descriptor; closing either stream closes the connection. */
final class FdTcpConnection extends OwnedFd implements TcpConnection {
  private final InetSocketAddress peer;
  private final InputStream input = new InputStream() {
    @Override
    public int read() throws IOException {
      byte[] one = readNBytes(1);
      return one.length == 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      open();
      return len == 0 ? 0 : InetSockets.read(fd, b, off, len);
    }

    @Override
    public void close() {
      FdTcpConnection.this.close();
    }
  };
  private final OutputStream output = new OutputStream() {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      open();
      InetSockets.write(fd, b, off, len);
    }

    @Override
    public void close() {
      FdTcpConnection.this.close();
    }
  };

  FdTcpConnection(int fd, InetSocketAddress peer) {
    super(fd, peer.getPort(), "the connection from " + peer);
    this.peer = peer;
  }

  @Override
  public InetSocketAddress peer() {
    return peer;
  }

  @Override
  public InputStream input() {
    return input;
  }

  @Override
  public OutputStream output() {
    return output;
  }
}
