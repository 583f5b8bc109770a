package org.netservof.node.io;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a container asks its root agent for a listening socket, or a connected one, over a Unix socket pair of its
 * own (the agent passes the container's end with the packet socket, before any command). The container writes
 * one request line, {@code udp 3478} or {@code tcp 8080}, or {@code connect 10.0.0.7 80 5000} (address, port,
 * connect timeout in milliseconds); the agent answers one line, {@code ok} with the bound socket
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

  /** Connects for the container, or says why not. */
  @FunctionalInterface
  public interface Connector {
    /**
     * Returns the descriptor of a TCP socket connected to {@code to} within {@code timeoutMillis}.
     *
     * @throws SecurityException when the user's grant does not name it
     * @throws IOException when the connection cannot be made
     */
    int connect(InetSocketAddress to, int timeoutMillis) throws IOException;
  }

  /** A connect request's timeout is at most this: the agent answers one request at a time. */
  public static final int MAX_CONNECT_MILLIS = 10_000;
  private static final Pattern CONNECT =
      Pattern.compile("connect ([0-9]{1,3}(?:\\.[0-9]{1,3}){3}) ([0-9]{1,5}) ([0-9]{1,5})");

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
  public int request(String protocol, int port, Duration timeout) throws IOException {
    return ask(protocol + " " + port, protocol + ":" + port, timeout);
  }

  /**
   * The container's side: asks for a TCP connection to {@code to} (IPv4), made within {@code connectTimeout}
   * (at most {@link #MAX_CONNECT_MILLIS}), and returns its descriptor, or throws the agent's refusal; waits for
   * the answer at most {@code connectTimeout} and {@code timeout} more.
   */
  public int connect(InetSocketAddress to, Duration connectTimeout, Duration timeout) throws IOException {
    if (!(to.getAddress() instanceof Inet4Address address)) {
      throw new IOException("only an IPv4 address can be connected to, not " + to);
    }
    long millis = Math.max(1, Math.min(MAX_CONNECT_MILLIS, connectTimeout.toMillis()));
    String target = address.getHostAddress() + ":" + to.getPort();
    return ask("connect " + address.getHostAddress() + " " + to.getPort() + " " + millis, target,
        timeout.plusMillis(millis));
  }

  private synchronized int ask(String request, String what, Duration timeout) throws IOException {
    if (broken) {
      throw new IOException("the listen channel is out of step: an earlier request went unanswered");
    }
    FdPassing.send(fd, -1, (request + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] buffer = new byte[MAX_LINE];
    int[] passed = {-1};
    StringBuilder line = new StringBuilder();
    int socket = -1;
    while (line.indexOf("\n") < 0) {
      if (!InetSockets.readable(fd, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))) {
        broken = true;
        throw new IOException("the node agent did not answer the request for " + what + " within "
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

  /** The agent's side: answers listen requests until the container closes its end, refusing every connect. */
  public void serve(Opener opener) throws IOException {
    serve(opener, (to, millis) -> {
      throw new SecurityException("this node agent makes no connections for modules");
    });
  }

  /** The agent's side: answers requests until the container closes its end. */
  public void serve(Opener opener, Connector connector) throws IOException {
    String request;
    while ((request = readLine()) != null) {
      answer(request, opener, connector);
    }
  }

  private void answer(String request, Opener opener, Connector connector) throws IOException {
    int socket = -1;
    String refusal;
    try {
      socket = request.startsWith("connect ") ? connect(request, connector) : open(request, opener);
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

  private static int open(String request, Opener opener) throws IOException {
    String[] parts = request.split(" ", -1);
    if (parts.length != 2 || !parts[1].matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("not a listen request: '" + request + "'");
    }
    return opener.open(parts[0], Integer.parseInt(parts[1]));
  }

  private static int connect(String request, Connector connector) throws IOException {
    Matcher m = CONNECT.matcher(request);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a connect request: '" + request + "'");
    }
    int port = Integer.parseInt(m.group(2));
    int millis = Integer.parseInt(m.group(3));
    if (port < 1 || port > 65535 || millis < 1 || millis > MAX_CONNECT_MILLIS) {
      throw new IllegalArgumentException("connect: port must be 1 to 65535 and the timeout 1 to "
          + MAX_CONNECT_MILLIS + " ms: '" + request + "'");
    }
    return connector.connect(new InetSocketAddress(address(m.group(1), request), port), millis);
  }

  /** The dotted quad as bytes: never given to a resolver, as getByName would a quad with an octet over 255. */
  private static InetAddress address(String dotted, String request) throws IOException {
    byte[] bytes = new byte[4];
    String[] octets = dotted.split("\\.");
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(octets[i]);
      if (octet > 255) {
        throw new IllegalArgumentException("connect: not an IPv4 address: '" + request + "'");
      }
      bytes[i] = (byte) octet;
    }
    return InetAddress.getByAddress(bytes);
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
