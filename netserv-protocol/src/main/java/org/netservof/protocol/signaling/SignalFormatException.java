package org.netservof.protocol.signaling;

/** A signaling message was refused; the message names the problem (it may be sent back to the sender). */
public final class SignalFormatException extends Exception {
  public SignalFormatException(String reason) {
    super(reason);
  }
}
