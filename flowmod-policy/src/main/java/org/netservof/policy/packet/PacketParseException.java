package org.netservof.policy.packet;

/** A frame whose bytes do not hold the headers they claim to; the message names the field. */
public final class PacketParseException extends Exception {
  public PacketParseException(String message) {
    super(message);
  }
}
