package org.netservof.node.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A packet socket read through a memory-mapped TPACKET_V3 ring and written in batches with
 * {@code sendmmsg}: the kernel fills blocks of frames that the process reads without a system call per
 * frame, and frames to send are gathered and handed over together. The fast path of a container; the same
 * filter rules as {@link AfPacketSocket} (the filter is attached before the socket is bound).
 *
 * <p>Not thread-safe: one thread receives and sends.
 */
public final class PacketRing implements PacketIo {
  /*
   * The kernel hands a block over when it is full or after BLOCK_TIMEOUT_MS, so a slow trickle fills one
   * block per millisecond however few frames it holds. Many page-sized blocks keep a reader that stalls
   * (a module's first call loads its classes: tens of milliseconds) from losing a trickle, for the same
   * megabyte that few large blocks would take; a page still holds two full-size Ethernet frames.
   */
  private static final int BLOCK_SIZE = 4096;
  private static final int BLOCKS = 256;
  private static final int FRAME_SIZE = 2048;
  private static final int BLOCK_TIMEOUT_MS = 1;
  private static final int TP_STATUS_USER = 1;
  private static final int BATCH = 64;
  private static final int TX_SLOT = 2048;
  private static final int MMSGHDR = 64;
  private static final int IOVEC = 16;
  private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private final int fd;
  private final String interfaceName;
  private final byte[] mac;
  private final int timeoutMs;
  private final Pointer ringAddress;
  private final ByteBuffer ring;
  private int block;
  private int left;
  private int next;
  private final Memory pollFd = new Memory(8);
  private final Memory tx = new Memory((long) BATCH * TX_SLOT);
  private final ByteBuffer txView;
  private final Memory iovecs = new Memory((long) BATCH * IOVEC);
  private final Memory messages = new Memory((long) BATCH * MMSGHDR);
  private int queued;

  private PacketRing(int fd, String interfaceName, byte[] mac, int timeoutMs, Pointer ringAddress) {
    this.fd = fd;
    this.interfaceName = interfaceName;
    this.mac = mac;
    this.timeoutMs = timeoutMs;
    this.ringAddress = ringAddress;
    this.ring = ringAddress.getByteBuffer(0, (long) BLOCK_SIZE * BLOCKS).order(ByteOrder.nativeOrder());
    this.txView = tx.getByteBuffer(0, tx.size()).order(ByteOrder.BIG_ENDIAN); // frames are network order
    pollFd.setInt(0, fd);
    pollFd.setShort(4, LibC.POLLIN);
    messages.clear();
    for (int i = 0; i < BATCH; i++) {
      iovecs.setPointer((long) i * IOVEC, tx.share((long) i * TX_SLOT));
      Pointer header = messages.share((long) i * MMSGHDR);
      header.setPointer(16, iovecs.share((long) i * IOVEC)); // msg_iov
      header.setLong(24, 1);                                  // msg_iovlen
    }
  }

  /**
   * Opens a ring on {@code interfaceName}.
   *
   * @param receiveTimeoutMs how long {@link #receive} waits for a frame before returning 0
   */
  public static PacketRing open(String interfaceName, Selection selection, int receiveTimeoutMs) throws IOException {
    int fd = PacketSockets.openFiltered(selection);
    Pointer address = mapRing(fd, interfaceName, true);
    return new PacketRing(fd, interfaceName, PacketSockets.readMac(interfaceName), receiveTimeoutMs, address);
  }

  /**
   * A packet socket for a container, opened by the node agent (which may): its filter attached and locked, bound
   * to the interface. The container maps its ring with {@link #adopt}.
   */
  public static int openDescriptor(String interfaceName, Selection selection) throws IOException {
    int fd = PacketSockets.openFiltered(selection);
    try {
      PacketSockets.bind(fd, interfaceName);
    } catch (LastErrorException e) {
      LibC.close(fd);
      throw new IOException("cannot bind a packet socket to " + interfaceName + ": errno " + e.getErrorCode(), e);
    }
    return fd;
  }

  /**
   * A ring on a socket {@link #openDescriptor} opened and bound, in a process without any capability: mapping
   * the ring of a socket it holds needs none, and its locked filter cannot be changed.
   */
  public static PacketRing adopt(int fd, String interfaceName, byte[] mac, int receiveTimeoutMs) throws IOException {
    return new PacketRing(fd, interfaceName, mac.clone(), receiveTimeoutMs, mapRing(fd, interfaceName, false));
  }

  /** Sets up and maps the receive ring (and binds the socket when asked: after the ring, so no frame is missed). */
  private static Pointer mapRing(int fd, String interfaceName, boolean bind) throws IOException {
    try {
      PacketSockets.setInt(fd, LibC.SOL_PACKET, LibC.PACKET_VERSION, LibC.TPACKET_V3);
      Memory request = new Memory(28); // struct tpacket_req3
      request.clear();
      request.setInt(0, BLOCK_SIZE);
      request.setInt(4, BLOCKS);
      request.setInt(8, FRAME_SIZE);
      request.setInt(12, BLOCK_SIZE / FRAME_SIZE * BLOCKS);
      request.setInt(16, BLOCK_TIMEOUT_MS);
      LibC.setsockopt(fd, LibC.SOL_PACKET, LibC.PACKET_RX_RING, request, 28);
      Pointer address = LibC.mmap(null, (long) BLOCK_SIZE * BLOCKS, LibC.PROT_READ_WRITE, LibC.MAP_SHARED, fd, 0);
      PacketSockets.setInt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUF, 4 << 20);
      if (bind) {
        PacketSockets.bind(fd, interfaceName);
      }
      return address;
    } catch (LastErrorException e) {
      LibC.close(fd);
      throw new IOException("cannot set up a packet ring on " + interfaceName + ": errno " + e.getErrorCode(), e);
    }
  }

  @Override
  public int receive(byte[] buffer) throws IOException {
    while (true) {
      if (left > 0) {
        int snap = ring.getInt(next + 12);
        int at = next + (ring.getShort(next + 24) & 0xffff);
        int length = Math.min(snap, buffer.length);
        ring.get(at, buffer, 0, length);
        int step = ring.getInt(next);
        next += step;
        if (--left == 0) {
          release();
        }
        return length;
      }
      int base = block * BLOCK_SIZE;
      if (((int) INT.getAcquire(ring, base + 8) & TP_STATUS_USER) != 0) {
        left = ring.getInt(base + 12);
        next = base + ring.getInt(base + 16);
        if (left == 0) {
          release();
        }
        continue;
      }
      flush(); // nothing to read: what we have to send goes now, before we wait
      try {
        if (LibC.poll(pollFd, 1, timeoutMs) == 0) {
          return 0;
        }
      } catch (LastErrorException e) {
        if (e.getErrorCode() != PacketSockets.EINTR) {
          throw new IOException("poll on " + interfaceName + " failed: errno " + e.getErrorCode(), e);
        }
      }
    }
  }

  /** Hands the current block back to the kernel and moves to the next. */
  private void release() {
    INT.setRelease(ring, block * BLOCK_SIZE + 8, 0);
    block = (block + 1) % BLOCKS;
  }

  @Override
  public boolean hasQueuedInput() {
    return left > 0 || ((int) INT.getAcquire(ring, block * BLOCK_SIZE + 8) & TP_STATUS_USER) != 0;
  }

  @Override
  public boolean send(byte[] frame, int length) throws IOException {
    if (length > TX_SLOT) {
      throw new IOException("a frame of " + length + " bytes is over the " + TX_SLOT + "-byte limit");
    }
    txView.put(queued * TX_SLOT, frame, 0, length);
    return queue(length);
  }

  @Override
  public boolean send(byte[] frame, int length, int vlan) throws IOException {
    if (length + 4 > TX_SLOT) {
      throw new IOException("a frame of " + length + " bytes is over the " + (TX_SLOT - 4) + "-byte limit");
    }
    int at = queued * TX_SLOT;
    txView.put(at, frame, 0, 12);
    txView.putShort(at + 12, (short) 0x8100);
    txView.putShort(at + 14, (short) (vlan & 0x0fff));
    txView.put(at + 16, frame, 12, length - 12);
    return queue(length + 4);
  }

  private boolean queue(int length) throws IOException {
    iovecs.setLong((long) queued * IOVEC + 8, length);
    queued++;
    return queued < BATCH || flush();
  }

  /** Sends what is queued; false when the link is down and it was dropped. */
  @Override
  public boolean flush() throws IOException {
    int done = 0;
    try {
      while (done < queued) {
        done += LibC.sendmmsg(fd, messages.share((long) done * MMSGHDR), queued - done, 0);
      }
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == PacketSockets.ENETDOWN || e.getErrorCode() == PacketSockets.ENXIO) {
        return false;
      }
      throw new IOException("send on " + interfaceName + " failed: errno " + e.getErrorCode(), e);
    } finally {
      queued = 0;
    }
  }

  @Override
  public byte[] macAddress() {
    return mac.clone();
  }

  /** The socket's descriptor, for tests that poke at it. */
  int fd() {
    return fd;
  }

  @Override
  public void close() {
    LibC.munmap(ringAddress, (long) BLOCK_SIZE * BLOCKS);
    LibC.close(fd);
  }
}
