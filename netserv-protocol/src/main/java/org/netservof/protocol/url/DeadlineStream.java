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
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, GuardedHttp.remainingMillis(url, deadline)));
    try {
      return in.read(b, off, len);
    } catch (SocketTimeoutException e) {
      throw new IOException(url + " was not fetched within its deadline");
    }
  }
}
