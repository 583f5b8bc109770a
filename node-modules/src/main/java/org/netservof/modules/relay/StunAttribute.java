package org.netservof.modules.relay;

/**
 * One attribute of a STUN message.
 *
 * @param type its type ({@link Stun}'s {@code ATTR_} numbers, or any other a peer sent)
 * @param value its value, without the padding
 */
record StunAttribute(int type, byte[] value) {
  StunAttribute {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("attribute type must fit 16 bits, was " + type);
    }
    if (value.length > 0xFFFF) {
      throw new IllegalArgumentException("attribute value must fit 65535 bytes, was " + value.length);
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }
}
