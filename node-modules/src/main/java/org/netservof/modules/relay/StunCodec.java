package org.netservof.modules.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes STUN messages (RFC 5389 §6, §15) from and to datagram bytes. Reading never throws on what a
 * network sends: a datagram that is not STUN (too short, the first two bits set, a wrong magic cookie) is
 * {@link Ignored}; one with a good header but a bad body (a length that is not the datagram's, an attribute
 * running past the end, too many attributes) is {@link Malformed}, which a request's sender is told with 400.
 */
final class StunCodec {
  /** More attributes than any TURN message needs; a message with more is refused before it is kept. */
  static final int MAX_ATTRIBUTES = 32;

  /** What a datagram turned out to be. */
  sealed interface Decoded permits Valid, Malformed, Ignored {}

  /** A well-formed STUN message. */
  record Valid(StunMessage message) implements Decoded {}

  /** A STUN header with a body that cannot be read: {@code header} has the header's fields and no attribute. */
  record Malformed(StunMessage header, String reason) implements Decoded {}

  /** Not a STUN message: nobody to answer. */
  record Ignored(String reason) implements Decoded {}

  private StunCodec() {}

  /** Reads the first {@code length} bytes of {@code data}. */
  static Decoded decode(byte[] data, int length) {
    if (length < Stun.HEADER || length > data.length) {
      return new Ignored("shorter than a STUN header (" + length + " bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(data, 0, length);
    int type = in.getShort() & 0xFFFF;
    int bodyLength = in.getShort() & 0xFFFF;
    if ((type & 0xC000) != 0) {
      return new Ignored("the first two bits are not zero");
    }
    if (in.getInt() != Stun.MAGIC_COOKIE) {
      return new Ignored("wrong magic cookie");
    }
    byte[] transaction = new byte[Stun.TRANSACTION_ID];
    in.get(transaction);
    StunMessage header = new StunMessage(Stun.method(type), Stun.messageClass(type), transaction, List.of());
    if (bodyLength % 4 != 0 || bodyLength != length - Stun.HEADER) {
      return new Malformed(header, "message length " + bodyLength + " is not the " + (length - Stun.HEADER)
          + " bytes after the header, or not a multiple of 4");
    }
    return attributes(in, header);
  }

  private static Decoded attributes(ByteBuffer in, StunMessage header) {
    List<StunAttribute> attributes = new ArrayList<>();
    while (in.hasRemaining()) { // a multiple of 4 bytes remain: always a whole attribute header
      if (attributes.size() == MAX_ATTRIBUTES) {
        return new Malformed(header, "more than " + MAX_ATTRIBUTES + " attributes");
      }
      int attributeType = in.getShort() & 0xFFFF;
      int valueLength = in.getShort() & 0xFFFF;
      int padded = (valueLength + 3) & ~3;
      if (padded > in.remaining()) {
        return new Malformed(header, "attribute 0x" + Integer.toHexString(attributeType) + " of " + valueLength
            + " bytes runs past the end of the message");
      }
      byte[] value = new byte[valueLength];
      in.get(value);
      in.position(in.position() + padded - valueLength);
      attributes.add(new StunAttribute(attributeType, value));
    }
    return new Valid(new StunMessage(header.method(), header.messageClass(), header.transactionId(), attributes));
  }

  /** The datagram of {@code message}: header, then each attribute padded to 4 bytes. */
  static byte[] encode(StunMessage message) {
    int body = message.attributes().stream().mapToInt(a -> 4 + ((a.value().length + 3) & ~3)).sum();
    ByteBuffer out = ByteBuffer.allocate(Stun.HEADER + body);
    out.putShort((short) Stun.type(message.method(), message.messageClass()));
    out.putShort((short) body);
    out.putInt(Stun.MAGIC_COOKIE);
    out.put(message.transactionId());
    for (StunAttribute a : message.attributes()) {
      byte[] value = a.value();
      out.putShort((short) a.type());
      out.putShort((short) value.length);
      out.put(value);
      out.position(out.position() + (((value.length + 3) & ~3) - value.length));
    }
    return out.array();
  }

  /** ERROR-CODE (RFC 5389 §15.6): the class (hundreds) and number, and a reason phrase. */
  static StunAttribute errorCode(int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    ByteBuffer value = ByteBuffer.allocate(4 + Math.min(text.length, 127));
    value.putShort((short) 0).put((byte) (code / 100)).put((byte) (code % 100));
    value.put(text, 0, value.remaining());
    return new StunAttribute(Stun.ATTR_ERROR_CODE, value.array());
  }

  /** The code of an ERROR-CODE value (e.g. 437), or -1 when it is too short to have one. */
  static int errorCodeOf(byte[] value) {
    return value.length < 4 ? -1 : (value[2] & 0x7) * 100 + (value[3] & 0xFF);
  }

  /** A 32-bit unsigned attribute such as LIFETIME. */
  static StunAttribute u32(int type, long value) {
    return new StunAttribute(type, ByteBuffer.allocate(4).putInt((int) value).array());
  }

  /** The value of a 32-bit unsigned attribute, or -1 when it is not 4 bytes long. */
  static long u32Of(byte[] value) {
    return value.length != 4 ? -1 : ByteBuffer.wrap(value).getInt() & 0xFFFFFFFFL;
  }

  /** UNKNOWN-ATTRIBUTES (RFC 5389 §15.9): the types a 420 names. */
  static StunAttribute unknownAttributes(List<Integer> types) {
    ByteBuffer value = ByteBuffer.allocate(2 * types.size());
    types.forEach(t -> value.putShort(t.shortValue()));
    return new StunAttribute(Stun.ATTR_UNKNOWN_ATTRIBUTES, value.array());
  }

  /** REQUESTED-TRANSPORT (RFC 5766 §14.7): the protocol number, then three reserved bytes. */
  static StunAttribute requestedTransport(int protocol) {
    return new StunAttribute(Stun.ATTR_REQUESTED_TRANSPORT, new byte[] {(byte) protocol, 0, 0, 0});
  }

  /** CHANNEL-NUMBER (RFC 5766 §14.1): the number, then two reserved bytes. */
  static StunAttribute channelNumber(int channel) {
    return new StunAttribute(Stun.ATTR_CHANNEL_NUMBER, new byte[] {(byte) (channel >> 8), (byte) channel, 0, 0});
  }

  /** The number in a CHANNEL-NUMBER value, or -1 when it is not 4 bytes long. */
  static int channelNumberOf(byte[] value) {
    return value.length != 4 ? -1 : ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
  }
}
