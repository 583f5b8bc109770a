package org.netservof.node.io;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How a container asks its root agent for a listening socket, over a Unix socket pair of its own (the agent
 * passes the container's end with the packet socket, before any command). The container writes one request
 * line, {@code udp 3478} or {@code tcp 8080}; the agent answers one line, {@code ok} with the bound socket
 * attached (SCM_RIGHTS), or {@code refused REASON} in the user's words. One request at a time, in order.
 */
public final class ListenChannel {
  private static final int MAX_LINE = 512;

  /** Opens what the container asked for, or says why not. */
  @FunctionalInterface
  public interface Opener {
    /**
     * Returns the descriptor of a bound socket for {@code protocol} ({@code udp} or {@code tcp}) and {@code port}.
     *
     * @throws SecurityException when the user's grant does not name it
     * @throws IOException when the socket cannot be opened or bound
     */
    int open(String protocol, int port) throws IOException;
  }

  private final int fd;
  /** A request whose answer did not come in time leaves the channel out of step (its answer may yet come). */
  private boolean broken; // guarded by this

  /** The channel over the Unix socket {@code fd}, either end. */
  public ListenChannel(int fd) {
    this.fd = fd;
  }

  /**
   * The container's side: asks for a socket and returns its descriptor, or throws the agent's refusal; an agent
   * that does not answer within {@code timeout} fails this request and every later one.
   */
  public synchronized int request(String protocol, int port, Duration timeout) throws IOException {
    if (broken) {
      throw new IOException("the listen channel is out of step: an earlier request went unanswered");
    }
    FdPassing.send(fd, -1, (protocol + " " + port + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] buffer = new byte[MAX_LINE];
    int[] passed = {-1};
    StringBuilder line = new StringBuilder();
    int socket = -1;
    while (line.indexOf("\n") < 0) {
      if (!InetSockets.readable(fd, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))) {
        broken = true;
        throw new IOException("the node agent did not answer the request for " + protocol + ":" + port + " within "
            + timeout.toMillis() + " ms");
      }
      int n = FdPassing.receive(fd, buffer, passed);
      if (n <= 0) {
        throw new IOException("the node agent closed the listen channel");
      }
      socket = passed[0] >= 0 ? passed[0] : socket;
      line.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }
    String answer = line.substring(0, line.indexOf("\n"));
    if (answer.equals("ok") && socket >= 0) {
      return socket;
    }
    if (socket >= 0) {
      FdPassing.close(socket);
    }
    throw new IOException(answer.startsWith("refused ") ? answer.substring(8) : "the node agent answered " + answer);
  }

  /** The agent's side: answers requests until the container closes its end. */
  public void serve(Opener opener) throws IOException {
    String request;
    while ((request = readLine()) != null) {
      answer(request, opener);
    }
  }

  private void answer(String request, Opener opener) throws IOException {
    String[] parts = request.split(" ", -1);
    int socket = -1;
    String refusal;
    try {
      if (parts.length != 2 || !parts[1].matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("not a listen request: '" + request + "'");
      }
      socket = opener.open(parts[0], Integer.parseInt(parts[1]));
      refusal = null;
    } catch (SecurityException | IllegalArgumentException | IOException e) {
      refusal = String.valueOf(e.getMessage()).replace('\n', ' ');
    }
    try {
      FdPassing.send(fd, socket, (refusal == null ? "ok\n" : "refused " + refusal + "\n")
          .getBytes(StandardCharsets.UTF_8));
    } finally {
      if (socket >= 0) {
        FdPassing.close(socket); // the container has its own copy now
      }
    }
  }

  /**
   * One request line, at most {@link #MAX_LINE} bytes; null when the container closed its end. Read with plain
   * recv, no control buffer: the kernel then discards (closes) any descriptors a container attached, so the
   * agent never holds one (a container has nothing to hand its agent).
   */
  private String readLine() throws IOException {
    byte[] one = new byte[1];
    StringBuilder line = new StringBuilder();
    while (true) {
      long n;
      try {
        n = LibC.recv(fd, one, 1, 0);
      } catch (LastErrorException e) {
        throw new IOException("cannot read a listen request: errno " + e.getErrorCode(), e);
      }
      if (n <= 0) {
        return null;
      }
      if (one[0] == '\n') {
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("a listen request longer than " + MAX_LINE + " bytes");
      }
      line.append((char) (one[0] & 0xff));
    }
  }
}
