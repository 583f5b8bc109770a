package org.netservof.node.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls raw packet I/O needs, bound directly with JNA (no C of our own). Each throws
 * {@link LastErrorException} with errno when the call fails.
 */
final class LibC {
  static final int AF_PACKET = 17;
  static final int SOCK_RAW = 3;
  static final int ETH_P_ALL = 0x0003;
  static final int SOL_SOCKET = 1;
  static final int SO_RCVTIMEO = 20;
  static final int SO_RCVBUF = 8;
  static final int SO_SNDBUF = 7;
  static final int SO_ATTACH_FILTER = 26;
  static final int SO_LOCK_FILTER = 44;
  static final int PR_SET_NO_NEW_PRIVS = 38;
  static final int SOL_PACKET = 263;
  static final int PACKET_RX_RING = 5;
  static final int PACKET_VERSION = 10;
  static final int TPACKET_V3 = 2;
  static final int PROT_READ_WRITE = 3;
  static final int MAP_SHARED = 1;
  static final short POLLIN = 1;
  static final int AF_UNIX = 1;
  static final int SOCK_STREAM = 1;
  static final int SCM_RIGHTS = 1;
  static final int AF_INET = 2;
  static final int SOCK_DGRAM = 2;
  static final int SO_REUSEADDR = 2;
  static final int SO_SNDTIMEO = 21;
  static final int SO_BINDTODEVICE = 25;
  static final int SHUT_RDWR = 2;
  static final int EAGAIN = 11;
  static final int EINPROGRESS = 115;

  static {
    Native.register(Platform.C_LIBRARY_NAME);
  }

  private LibC() {}

  static native int socket(int domain, int type, int protocol) throws LastErrorException;

  static native int bind(int fd, Pointer address, int length) throws LastErrorException;

  static native int setsockopt(int fd, int level, int option, Pointer value, int length) throws LastErrorException;

  static native long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

  static native long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

  static native int if_nametoindex(String name) throws LastErrorException;

  static native Pointer mmap(Pointer address, long length, int protection, int flags, int fd, long offset)
      throws LastErrorException;

  static native int munmap(Pointer address, long length) throws LastErrorException;

  static native int poll(Pointer fds, long count, int timeoutMs) throws LastErrorException;

  static native int sendmmsg(int fd, Pointer messages, int count, int flags) throws LastErrorException;

  static native int close(int fd) throws LastErrorException;

  static native int listen(int fd, int backlog) throws LastErrorException;

  static native int connect(int fd, Pointer address, int length) throws LastErrorException;

  static native int shutdown(int fd, int how) throws LastErrorException;

  static native int accept(int fd, Pointer address, int[] length) throws LastErrorException;

  static native long recvfrom(int fd, byte[] buffer, long length, int flags, Pointer from, int[] fromLength)
      throws LastErrorException;

  static native long sendto(int fd, byte[] buffer, long length, int flags, Pointer to, int toLength)
      throws LastErrorException;

  static native long read(int fd, byte[] buffer, long length) throws LastErrorException;

  static native int socketpair(int domain, int type, int protocol, int[] fds) throws LastErrorException;

  static native long sendmsg(int fd, Pointer message, int flags) throws LastErrorException;

  static native long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

  static native long write(int fd, byte[] buffer, long length) throws LastErrorException;

  static native int dup(int fd) throws LastErrorException;

  static native int dup2(int fd, int to) throws LastErrorException;

  static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

  static native int capset(Pointer header, Pointer data) throws LastErrorException;

  /** Network byte order of a 16-bit value. */
  static short htons(int value) {
    return (short) (((value & 0xff) << 8) | ((value >>> 8) & 0xff));
  }
}
