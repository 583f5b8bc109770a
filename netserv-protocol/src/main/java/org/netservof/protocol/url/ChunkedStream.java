package org.netservof.protocol.url;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an HTTP/1.1 answer sent in chunks, decoded: each chunk's size line, its bytes, its line end,
 * until the empty chunk and its trailers. Sizes are only believed as far as the caller's byte cap reads.
 */
final class ChunkedStream extends InputStream {
  private final InputStream in;
  private final String url;
  private long left;
  private boolean started;
  private boolean done;

  ChunkedStream(InputStream in, String url) {
    this.in = in;
    this.url = url;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    if (left == 0) {
      if (started && !GuardedHttp.line(url, in).isEmpty()) {
        throw new IOException(url + " sent a chunk longer than its size");
      }
      started = true;
      left = nextSize();
      if (left == 0) {
        done = true;
        while (!GuardedHttp.line(url, in).isEmpty()) {
          // trailers: read and ignored
        }
        return -1;
      }
    }
    int n = in.read(b, off, (int) Math.min(len, left));
    if (n < 0) {
      throw new IOException(url + " closed the connection inside a chunk");
    }
    left -= n;
    return n;
  }

  private long nextSize() throws IOException {
    String line = GuardedHttp.line(url, in);
    int semicolon = line.indexOf(';');
    String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
    if (!hex.matches("[0-9a-fA-F]{1,15}")) {
      throw new IOException(url + " sent a chunk size '" + hex + "'");
    }
    return Long.parseLong(hex, 16);
  }
}
