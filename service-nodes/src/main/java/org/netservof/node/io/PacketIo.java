package org.netservof.node.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * Raw Ethernet frames in and out of one interface. Behind this interface so that a faster implementation
 * can replace another: {@link AfPacketSocket} (a system call per frame) and {@link PacketRing} (a mapped
 * receive ring and batched sends).
 */
public interface PacketIo extends Closeable {

  /**
   * Receives one frame into {@code buffer}, waiting at most the socket's receive timeout.
   *
   * @return the frame's length, or 0 when the timeout passed with nothing received (or the link went down:
   *     receiving resumes by itself when it comes back)
   * @throws IOException when the socket failed
   */
  int receive(byte[] buffer) throws IOException;

  /** Whether {@link #receive} has a frame ready without waiting (callers flush sends when it has none). */
  default boolean hasQueuedInput() {
    return false;
  }

  /**
   * Sends the first {@code length} bytes of {@code frame}, or queues them for {@link #flush}.
   *
   * @return false when the link is down and the frame was dropped
   * @throws IOException when the socket failed
   */
  boolean send(byte[] frame, int length) throws IOException;

  /** Sends a frame with an 802.1Q tag for {@code vlan} inserted after its MAC addresses. */
  default boolean send(byte[] frame, int length, int vlan) throws IOException {
    byte[] tagged = new byte[length + 4];
    return send(tagged, Tags.insert(frame, length, vlan, tagged));
  }

  /** Sends whatever {@link #send} queued; false when the link is down and it was dropped. */
  default boolean flush() throws IOException {
    return true;
  }

  /** The interface's MAC address, 6 bytes. */
  byte[] macAddress();
}
