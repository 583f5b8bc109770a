package org.netservof.node.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Hands an open descriptor (a container's packet socket) from the root node agent to a container that may not
 * open one itself: the agent makes a Unix socket pair, gives one end to the container as its standard input, and
 * sends the descriptor over it (SCM_RIGHTS) before any command. Descriptors cross network and PID namespaces
 * unchanged, so the socket stays bound to the node's interface in the agent's namespace.
 */
public final class FdPassing {
  private static final int MSGHDR = 56;
  private static final int CMSG_SPACE = 24;

  private FdPassing() {}

  /** A connected pair of Unix stream sockets: [the agent's end, the container's end]. */
  public static int[] socketPair() throws IOException {
    int[] fds = new int[2];
    try {
      LibC.socketpair(LibC.AF_UNIX, LibC.SOCK_STREAM, 0, fds);
    } catch (LastErrorException e) {
      throw new IOException("cannot make a socket pair: errno " + e.getErrorCode(), e);
    }
    return fds;
  }

  /** Sends {@code passed} over the Unix socket {@code fd}, with one byte of data. */
  public static void send(int fd, int passed) throws IOException {
    send(fd, passed, new byte[] {'F'});
  }

  /** Sends {@code data} over the Unix socket {@code fd}, with {@code passed} attached unless it is negative. */
  public static void send(int fd, int passed, byte[] data) throws IOException {
    Message m = new Message(data.length);
    m.data.write(0, data, 0, data.length);
    if (passed >= 0) {
      m.control.setLong(0, 20); // cmsg_len = CMSG_LEN(sizeof(int))
      m.control.setInt(8, LibC.SOL_SOCKET);
      m.control.setInt(12, LibC.SCM_RIGHTS);
      m.control.setInt(16, passed);
    } else {
      m.header.setPointer(32, null);
      m.header.setLong(40, 0);
    }
    try {
      LibC.sendmsg(fd, m.header, 0);
      java.lang.ref.Reference.reachabilityFence(m);
    } catch (LastErrorException e) {
      throw new IOException("cannot pass the packet socket to the container: errno " + e.getErrorCode(), e);
    }
  }

  /** Receives the descriptor {@link #send} sent over {@code fd}, reading exactly its one byte of data. */
  public static int receive(int fd) throws IOException {
    Message m = new Message(1);
    try {
      if (LibC.recvmsg(fd, m.header, 0) != 1 || m.control.getInt(12) != LibC.SCM_RIGHTS) {
        throw new IOException("the agent passed no packet socket");
      }
    } catch (LastErrorException e) {
      throw new IOException("cannot receive the packet socket: errno " + e.getErrorCode(), e);
    }
    return m.control.getInt(16);
  }

  /**
   * Receives up to {@code buffer.length} bytes over the Unix socket {@code fd} and the descriptor that came with
   * them, if any, into {@code passed[0]} (-1 when none).
   *
   * @return how many bytes came; 0 when the other end closed
   */
  public static int receive(int fd, byte[] buffer, int[] passed) throws IOException {
    Message m = new Message(buffer.length);
    long n;
    try {
      n = LibC.recvmsg(fd, m.header, 0);
    } catch (LastErrorException e) {
      throw new IOException("cannot receive from the agent: errno " + e.getErrorCode(), e);
    }
    boolean rights = m.header.getLong(40) >= 20 && m.control.getInt(12) == LibC.SCM_RIGHTS;
    passed[0] = rights ? m.control.getInt(16) : -1;
    m.data.read(0, buffer, 0, (int) n);
    return (int) n;
  }

  /** Makes {@code fd} this process's descriptor {@code to} (closing what was there). */
  public static void duplicate(int fd, int to) {
    LibC.dup2(fd, to);
  }

  /** A copy of {@code fd} under a new number. */
  public static int duplicate(int fd) {
    return LibC.dup(fd);
  }

  public static void close(int fd) {
    LibC.close(fd);
  }

  /** Writes to a descriptor; closing the stream closes it. */
  public static OutputStream output(int fd) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        InetSockets.write(fd, b, off, len);
      }

      @Override
      public void close() {
        LibC.close(fd);
      }
    };
  }

  /**
   * A msghdr with one iovec of {@code size} bytes and room for one descriptor's control message (x86-64 layout);
   * the fields hold every buffer the header points to, so none is freed while the call runs.
   */
  private static final class Message {
    final Memory data;
    final Memory iov = new Memory(16);
    final Memory control = new Memory(CMSG_SPACE);
    final Memory header = new Memory(MSGHDR);

    Message(int size) {
      data = new Memory(size);
      data.setByte(0, (byte) 'F');
      iov.setPointer(0, data);
      iov.setLong(8, size);
      control.clear();
      header.clear();
      header.setPointer(16, iov);
      header.setLong(24, 1);
      header.setPointer(32, control);
      header.setLong(40, CMSG_SPACE);
    }
  }
}
