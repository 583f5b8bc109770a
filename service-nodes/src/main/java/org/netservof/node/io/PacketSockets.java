package org.netservof.node.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The steps every packet socket of a node takes, in the order that keeps other users' frames out. */
final class PacketSockets {
  static final int EAGAIN = 11;
  static final int EINTR = 4;
  static final int ENXIO = 6;
  static final int ENETDOWN = 100;

  private PacketSockets() {}

  /**
   * A packet socket with its filter attached (and locked when the selection says so), not yet bound: with
   * protocol 0 it receives nothing until {@link #bind}, so no frame another filter would refuse can queue
   * up before the filter is in place.
   */
  static int openFiltered(Selection selection) throws IOException {
    int fd;
    try {
      fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW, 0);
    } catch (LastErrorException e) {
      throw new IOException("cannot open a packet socket (needs CAP_NET_RAW): errno " + e.getErrorCode(), e);
    }
    try {
      Memory[] filter = Bpf.asSockFprog(Bpf.program(selection));
      LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, filter[0], (int) filter[0].size());
      if (selection.locked()) {
        setInt(fd, LibC.SOL_SOCKET, LibC.SO_LOCK_FILTER, 1);
      }
    } catch (LastErrorException e) {
      LibC.close(fd);
      throw new IOException("cannot attach the packet filter: errno " + e.getErrorCode(), e);
    }
    return fd;
  }

  /** Binds the socket to the interface for every protocol: from here on it receives (what its filter takes). */
  static void bind(int fd, String interfaceName) {
    int index = LibC.if_nametoindex(interfaceName);
    Memory address = new Memory(20); // struct sockaddr_ll
    address.clear();
    address.setShort(0, (short) LibC.AF_PACKET);
    address.setShort(2, LibC.htons(LibC.ETH_P_ALL));
    address.setInt(4, index);
    LibC.bind(fd, address, 20);
  }

  static void setInt(int fd, int level, int option, int value) {
    Memory v = new Memory(4);
    v.setInt(0, value);
    LibC.setsockopt(fd, level, option, v, 4);
  }

  /** The interface's MAC address, from sysfs. */
  static byte[] readMac(String interfaceName) throws IOException {
    String text = Files.readString(Path.of("/sys/class/net", interfaceName, "address")).trim();
    String[] parts = text.split(":");
    byte[] mac = new byte[6];
    for (int i = 0; i < 6; i++) {
      mac[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return mac;
  }
}
