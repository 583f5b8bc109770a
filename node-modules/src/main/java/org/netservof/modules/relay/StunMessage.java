package org.netservof.modules.relay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A STUN message: a method, a class, a transaction id and attributes (RFC 5389 §6). {@link StunCodec} reads
 * and writes it; this record only holds it and finds attributes.
 *
 * @param method the method ({@link Stun#ALLOCATE}...)
 * @param messageClass request, indication, success or error ({@link Stun#REQUEST}...)
 * @param transactionId the 12 bytes a response repeats
 */
record StunMessage(int method, int messageClass, byte[] transactionId, List<StunAttribute> attributes) {
  StunMessage {
    if (transactionId.length != Stun.TRANSACTION_ID) {
      throw new IllegalArgumentException("transaction id must be 12 bytes, was " + transactionId.length);
    }
    if (method < 0 || method > 0xFFF || messageClass < 0 || messageClass > 3) {
      throw new IllegalArgumentException("method must fit 12 bits and class 2, were " + method + ", "
          + messageClass);
    }
    transactionId = transactionId.clone();
    attributes = List.copyOf(attributes);
  }

  @Override
  public byte[] transactionId() {
    return transactionId.clone();
  }

  /** The value of the first attribute of {@code type}. */
  Optional<byte[]> attribute(int type) {
    return attributes.stream().filter(a -> a.type() == type).findFirst().map(StunAttribute::value);
  }

  /** The values of every attribute of {@code type}, in order. */
  List<byte[]> all(int type) {
    return attributes.stream().filter(a -> a.type() == type).map(StunAttribute::value).toList();
  }

  /** The comprehension-required attribute types not in {@code known}: they make a request fail with 420. */
  List<Integer> unknownRequired(List<Integer> known) {
    return attributes.stream().map(StunAttribute::type)
        .filter(t -> t < Stun.COMPREHENSION_OPTIONAL && !known.contains(t)).distinct().toList();
  }

  /** A success response to this request with {@code attributes}. */
  StunMessage success(List<StunAttribute> attributes) {
    return new StunMessage(method, Stun.SUCCESS, transactionId, attributes);
  }

  /** An error response to this request: ERROR-CODE with {@code code} and {@code reason}, and {@code extra}. */
  StunMessage error(int code, String reason, StunAttribute... extra) {
    List<StunAttribute> attributes = new ArrayList<>();
    attributes.add(StunCodec.errorCode(code, reason));
    attributes.addAll(Arrays.asList(extra));
    return new StunMessage(method, Stun.ERROR, transactionId, attributes);
  }
}
