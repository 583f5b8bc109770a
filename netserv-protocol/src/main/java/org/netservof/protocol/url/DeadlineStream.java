package org.netservof.protocol.url;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input that ends at a deadline for the whole exchange: each read may wait only for what is left
 * of it, so a server that sends one byte at a time, just often enough to beat any per-read timeout, still runs
 * out of time.
 */
final class DeadlineStream extends InputStream {
  private final Socket socket;
  private final InputStream in;
  private final String url;
  private final long deadline;

  DeadlineStream(Socket socket, String url, long deadline) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.url = url;
    this.deadline = deadline;
  }

  @Override
  public int read() throws IOException {
    return timed(in::read);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return timed(() -> in.read(b, off, len));
  }

  /** One read from the socket, allowed only what is left of the deadline. */
  private int timed(Read read) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, GuardedHttp.remainingMillis(url, deadline)));
    try {
      return read.read();
    } catch (SocketTimeoutException e) {
      throw new IOException(url + " was not fetched within its deadline");
    }
  }

  @FunctionalInterface
  private interface Read {
    int read() throws IOException;
  }
}
