package org.netservof.modules.relay;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A ChannelData message (RFC 5766 §11.4): a channel number (0x4000-0x7FFF, so its first two bits are 01 and
 * it is never mistaken for STUN), the data's length and the data, padded to 4 bytes over UDP.
 *
 * @param channel the channel number
 * @param data the application data
 */
record ChannelData(int channel, byte[] data) {
  private static final int HEADER = 4;

  ChannelData {
    if (channel < Stun.MIN_CHANNEL || channel > 0x7FFF || data.length > 0xFFFF) {
      throw new IllegalArgumentException("channel must be 0x4000..0x7FFF and data at most 65535 bytes, were 0x"
          + Integer.toHexString(channel) + " and " + data.length);
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Whether a datagram starts as ChannelData does (first two bits 01) rather than as STUN (00). */
  static boolean looksLike(byte[] datagram, int length) {
    return length >= 1 && (datagram[0] & 0xC0) == 0x40;
  }

  /** The message in the first {@code length} bytes; empty when it is cut short or claims more than it holds. */
  static Optional<ChannelData> decode(byte[] datagram, int length) {
    if (length < HEADER || length > datagram.length || !looksLike(datagram, length)) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(datagram, 0, length);
    int channel = in.getShort() & 0xFFFF;
    int dataLength = in.getShort() & 0xFFFF;
    if (dataLength > in.remaining()) {
      return Optional.empty();
    }
    byte[] data = new byte[dataLength];
    in.get(data);
    return Optional.of(new ChannelData(channel, data));
  }

  /** The datagram: header, data, padding to 4 bytes. */
  byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(HEADER + ((data.length + 3) & ~3));
    out.putShort((short) channel).putShort((short) data.length).put(data);
    return out.array();
  }
}
