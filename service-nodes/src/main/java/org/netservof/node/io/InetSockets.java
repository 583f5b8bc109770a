package org.netservof.node.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * IPv4 UDP and TCP sockets by descriptor number, for a server module's listening socket: the root agent opens and
 * binds one in the node's network namespace ({@link #bindUdp}, {@link #bindTcp}) and passes it to a container
 * that has only loopback and no capabilities, which uses it through these calls. Java cannot adopt a descriptor
 * it did not open, hence libc. Blocking calls wait with {@code poll} so a module's wait is bounded.
 */
public final class InetSockets {
  private static final int SOCKADDR_IN = 16;
  private static final int BACKLOG = 64;

  private InetSockets() {}

  /** A UDP socket bound to {@code address:port}. */
  public static int bindUdp(Inet4Address address, int port) throws IOException {
    return bindUdp(address, port, null);
  }

  /**
   * A UDP socket bound to {@code address:port} and to {@code device} (SO_BINDTODEVICE, unless null): what it
   * sends leaves by that interface only, whatever the routing table says, and an unprivileged holder cannot
   * unbind it.
   */
  public static int bindUdp(Inet4Address address, int port, String device) throws IOException {
    return bound(LibC.SOCK_DGRAM, address, port, "udp", device);
  }

  /** A TCP socket bound to {@code address:port} and listening. */
  public static int bindTcp(Inet4Address address, int port) throws IOException {
    return bindTcp(address, port, null);
  }

  /** A TCP socket bound to {@code address:port} and to {@code device} as {@link #bindUdp} is, and listening. */
  public static int bindTcp(Inet4Address address, int port, String device) throws IOException {
    int fd = bound(LibC.SOCK_STREAM, address, port, "tcp", device);
    try {
      LibC.listen(fd, BACKLOG);
    } catch (LastErrorException e) {
      LibC.close(fd);
      throw failure("cannot listen on tcp " + address.getHostAddress() + ":" + port, e);
    }
    return fd;
  }

  /**
   * A TCP socket bound to {@code address} (an ephemeral port) and to {@code device} as {@link #bindUdp} is,
   * connected to {@code to} within {@code timeoutMillis} (SO_SNDTIMEO bounds a blocking connect on Linux).
   *
   * @throws SocketTimeoutException when the connection was not made in time
   * @throws IOException when it was refused or cannot be routed, with the errno
   */
  public static int connectTcp(Inet4Address address, String device, InetSocketAddress to, long timeoutMillis)
      throws IOException {
    int fd = bound(LibC.SOCK_STREAM, address, 0, "tcp", device);
    try {
      setTimeouts(fd, timeoutMillis);
      LibC.connect(fd, sockaddr(to), SOCKADDR_IN);
      return fd;
    } catch (LastErrorException e) {
      LibC.close(fd);
      String what = "cannot connect to " + to.getAddress().getHostAddress() + ":" + to.getPort();
      if (e.getErrorCode() == LibC.EINPROGRESS || e.getErrorCode() == LibC.EAGAIN) {
        SocketTimeoutException timeout = new SocketTimeoutException(what + ": no answer within " + timeoutMillis
            + " ms");
        timeout.initCause(e);
        throw timeout;
      }
      throw failure(what, e);
    } catch (IOException e) {
      LibC.close(fd);
      throw e;
    }
  }

  private static int bound(int type, Inet4Address address, int port, String protocol, String device)
      throws IOException {
    int fd;
    try {
      fd = LibC.socket(LibC.AF_INET, type, 0);
    } catch (LastErrorException e) {
      throw failure("cannot open a " + protocol + " socket", e);
    }
    try {
      if (type == LibC.SOCK_STREAM) {
        // A listener rebinds over its old connections' TIME_WAIT; on UDP the option would let two users share
        // a port (and each other's datagrams), so UDP goes without it.
        Memory one = new Memory(4);
        one.setInt(0, 1);
        LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, one, 4);
      }
      if (device != null) {
        byte[] name = (device + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Memory value = new Memory(name.length);
        value.write(0, name, 0, name.length);
        LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, value, name.length);
      }
      LibC.bind(fd, sockaddr(new InetSocketAddress(address, port)), SOCKADDR_IN);
      return fd;
    } catch (LastErrorException e) {
      LibC.close(fd);
      throw failure("cannot bind " + protocol + " " + address.getHostAddress() + ":" + port, e);
    }
  }

  /** Whether {@code fd} has something to read within {@code timeoutMillis} (0: now; negative: wait for ever). */
  public static boolean readable(int fd, int timeoutMillis) throws IOException {
    Memory pollFd = new Memory(8);
    pollFd.clear();
    pollFd.setInt(0, fd);
    pollFd.setShort(4, LibC.POLLIN);
    try {
      return LibC.poll(pollFd, 1, timeoutMillis) > 0;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == 4) { // EINTR
        throw new InterruptedIOException("interrupted while waiting on a socket");
      }
      throw failure("cannot wait on a socket", e);
    }
  }

  /** Receives one datagram into {@code buffer}; returns its sender and writes its length to {@code length[0]}. */
  public static InetSocketAddress receiveFrom(int fd, byte[] buffer, int[] length) throws IOException {
    Memory from = new Memory(SOCKADDR_IN);
    from.clear();
    try {
      length[0] = (int) LibC.recvfrom(fd, buffer, buffer.length, 0, from, new int[] {SOCKADDR_IN});
    } catch (LastErrorException e) {
      throw failure("cannot receive a datagram", e);
    }
    return address(from);
  }

  /** Sends one datagram of {@code length} bytes to {@code to}. */
  public static void sendTo(int fd, byte[] data, int length, InetSocketAddress to) throws IOException {
    try {
      LibC.sendto(fd, data, length, 0, sockaddr(to), SOCKADDR_IN);
    } catch (LastErrorException e) {
      throw failure("cannot send a datagram to " + to, e);
    }
  }

  /** Accepts a connection on a listening socket; returns its descriptor and writes the peer to {@code peer[0]}. */
  public static int accept(int fd, InetSocketAddress[] peer) throws IOException {
    Memory from = new Memory(SOCKADDR_IN);
    from.clear();
    try {
      int connection = LibC.accept(fd, from, new int[] {SOCKADDR_IN});
      peer[0] = address(from);
      return connection;
    } catch (LastErrorException e) {
      throw failure("cannot accept a connection", e);
    }
  }

  /** Reads up to {@code length} bytes; -1 at the end of the stream. */
  public static int read(int fd, byte[] buffer, int offset, int length) throws IOException {
    byte[] part = offset == 0 ? buffer : new byte[length];
    int n;
    try {
      n = (int) LibC.read(fd, part, length);
    } catch (LastErrorException e) {
      throw failure("cannot read from a connection", e);
    }
    if (part != buffer && n > 0) {
      System.arraycopy(part, 0, buffer, offset, n);
    }
    return n == 0 ? -1 : n;
  }

  /** Writes all {@code length} bytes from {@code offset} (a connection, or the agent's command channel). */
  public static void write(int fd, byte[] data, int offset, int length) throws IOException {
    byte[] rest = java.util.Arrays.copyOfRange(data, offset, offset + length);
    try {
      while (rest.length > 0) {
        int done = (int) LibC.write(fd, rest, rest.length);
        rest = java.util.Arrays.copyOfRange(rest, done, rest.length);
      }
    } catch (LastErrorException e) {
      throw failure("write failed", e);
    }
  }

  /**
   * Bounds every blocking read, accept and write on {@code fd} to {@code millis} (SO_RCVTIMEO, SO_SNDTIMEO): a call
   * that waits longer throws {@link SocketTimeoutException}.
   */
  public static void setTimeouts(int fd, long millis) throws IOException {
    Memory timeval = new Memory(16);
    timeval.setLong(0, millis / 1000);
    timeval.setLong(8, (millis % 1000) * 1000);
    try {
      LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval, 16);
      LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDTIMEO, timeval, 16);
    } catch (LastErrorException e) {
      throw failure("cannot bound a socket's waits", e);
    }
  }

  /** Wakes every call waiting on {@code fd} (they return or fail at once); the descriptor stays open. */
  public static void shutdown(int fd) {
    try {
      LibC.shutdown(fd, LibC.SHUT_RDWR);
    } catch (LastErrorException e) {
      // an unconnected socket answers ENOTCONN, and still wakes its waiters
    }
  }

  /** Closes a descriptor this process owns. */
  public static void close(int fd) {
    try {
      LibC.close(fd);
    } catch (LastErrorException e) {
      // closed is what was wanted
    }
  }

  private static Memory sockaddr(InetSocketAddress to) throws IOException {
    if (!(to.getAddress() instanceof Inet4Address v4)) {
      throw new IOException("not an IPv4 address: " + to);
    }
    Memory m = new Memory(SOCKADDR_IN);
    m.clear();
    m.setShort(0, (short) LibC.AF_INET);
    m.setShort(2, LibC.htons(to.getPort()));
    m.write(4, v4.getAddress(), 0, 4);
    return m;
  }

  private static InetSocketAddress address(Memory m) throws IOException {
    int port = ((m.getByte(2) & 0xff) << 8) | (m.getByte(3) & 0xff);
    try {
      return new InetSocketAddress(InetAddress.getByAddress(m.getByteArray(4, 4)), port);
    } catch (UnknownHostException e) {
      throw new IOException(e);
    }
  }

  private static IOException failure(String what, LastErrorException e) {
    if (e.getErrorCode() == LibC.EAGAIN) { // a wait bounded by setTimeouts ran out
      SocketTimeoutException timeout = new SocketTimeoutException(what + ": timed out");
      timeout.initCause(e);
      return timeout;
    }
    String why = switch (e.getErrorCode()) {
      case 111 -> "connection refused";
      case 101, 113 -> "no route";
      default -> "errno " + e.getErrorCode();
    };
    return new IOException(what + ": " + why, e);
  }
}
