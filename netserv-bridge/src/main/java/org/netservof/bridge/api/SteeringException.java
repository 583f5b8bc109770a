package org.netservof.bridge.api;

/** A steering request was refused; nothing changed. The message says why. */
public final class SteeringException extends Exception {
  public SteeringException(String message) {
    super(message);
  }
}
