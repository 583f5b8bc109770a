package org.netservof.node.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;

/**
 * A raw AF_PACKET socket bound to one interface, with a BPF filter the kernel applies before the process
 * sees anything ({@link Selection}). When the socket serves one container, its filter selects the container's
 * VLAN mark and is locked, so code running later in the process cannot widen it: one user's module never sees another
 * user's packets.
 */
public final class AfPacketSocket implements PacketIo {

  private final int fd;
  private final String interfaceName;
  private final byte[] mac;

  private AfPacketSocket(int fd, String interfaceName, byte[] mac) {
    this.fd = fd;
    this.interfaceName = interfaceName;
    this.mac = mac;
  }

  /**
   * Opens a socket on {@code interfaceName}.
   *
   * @param selection which received frames the socket takes
   * @param receiveTimeoutMs how long {@link #receive} waits before returning 0
   */
  public static AfPacketSocket open(String interfaceName, Selection selection, int receiveTimeoutMs) throws IOException {
    int fd = PacketSockets.openFiltered(selection);
    try {
      Memory timeout = new Memory(16);
      timeout.setLong(0, receiveTimeoutMs / 1000);
      timeout.setLong(8, (receiveTimeoutMs % 1000) * 1000L);
      LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeout, 16);
      PacketSockets.setInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, 4 << 20);
      PacketSockets.setInt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUF, 4 << 20);
      PacketSockets.bind(fd, interfaceName);
    } catch (LastErrorException e) {
      LibC.close(fd);
      throw new IOException("cannot set up a packet socket on " + interfaceName + ": errno " + e.getErrorCode(), e);
    }
    return new AfPacketSocket(fd, interfaceName, PacketSockets.readMac(interfaceName));
  }

  @Override
  public int receive(byte[] buffer) throws IOException {
    try {
      return (int) LibC.recv(fd, buffer, buffer.length, 0);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == PacketSockets.EAGAIN || e.getErrorCode() == PacketSockets.EINTR || e.getErrorCode() == PacketSockets.ENETDOWN) {
        return 0; // a link that went down is reported once; receiving resumes when it comes back
      }
      throw new IOException("receive on " + interfaceName + " failed: errno " + e.getErrorCode(), e);
    }
  }

  @Override
  public boolean send(byte[] frame, int length) throws IOException {
    try {
      LibC.send(fd, frame, length, 0);
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == PacketSockets.ENETDOWN || e.getErrorCode() == PacketSockets.ENXIO) {
        return false;
      }
      throw new IOException("send on " + interfaceName + " failed: errno " + e.getErrorCode(), e);
    }
  }

  /** The socket's descriptor, for tests that poke at it. */
  int fd() {
    return fd;
  }

  @Override
  public byte[] macAddress() {
    return mac.clone();
  }

  @Override
  public void close() {
    LibC.close(fd);
  }
}
