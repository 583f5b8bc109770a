package org.netservof.modules.relay;

/**
 * The numbers of STUN (RFC 5389) and its TURN usage (RFC 5766) that the relay speaks: methods, classes,
 * attribute types and error codes, in one place.
 */
final class Stun {
  static final int MAGIC_COOKIE = 0x2112A442;
  static final int HEADER = 20;
  static final int TRANSACTION_ID = 12;

  static final int BINDING = 0x001;
  static final int ALLOCATE = 0x003;
  static final int REFRESH = 0x004;
  static final int SEND = 0x006;
  static final int DATA = 0x007;
  static final int CREATE_PERMISSION = 0x008;
  static final int CHANNEL_BIND = 0x009;

  static final int REQUEST = 0;
  static final int INDICATION = 1;
  static final int SUCCESS = 2;
  static final int ERROR = 3;

  static final int ATTR_ERROR_CODE = 0x0009;
  static final int ATTR_UNKNOWN_ATTRIBUTES = 0x000A;
  static final int ATTR_CHANNEL_NUMBER = 0x000C;
  static final int ATTR_LIFETIME = 0x000D;
  static final int ATTR_XOR_PEER_ADDRESS = 0x0012;
  static final int ATTR_DATA = 0x0013;
  static final int ATTR_XOR_RELAYED_ADDRESS = 0x0016;
  static final int ATTR_REQUESTED_TRANSPORT = 0x0019;
  static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
  /** Attributes below this one must be understood (RFC 5389 §15): an unknown one is answered with 420. */
  static final int COMPREHENSION_OPTIONAL = 0x8000;

  static final int BAD_REQUEST = 400;
  static final int FORBIDDEN = 403;
  static final int UNKNOWN_ATTRIBUTE = 420;
  static final int ALLOCATION_MISMATCH = 437;
  static final int UNSUPPORTED_TRANSPORT = 442;
  static final int QUOTA_REACHED = 486;
  static final int INSUFFICIENT_CAPACITY = 508;

  static final int UDP = 17;
  static final int MIN_CHANNEL = 0x4000;
  static final int MAX_CHANNEL = 0x7FFE;

  private Stun() {}

  /** The 14-bit message type of a method and class (RFC 5389 §6: the class bits sit among the method's). */
  static int type(int method, int messageClass) {
    return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
        | ((messageClass & 1) << 4) | ((messageClass & 2) << 7);
  }

  static int method(int type) {
    return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
  }

  static int messageClass(int type) {
    return ((type >> 4) & 1) | ((type >> 7) & 2);
  }
}
