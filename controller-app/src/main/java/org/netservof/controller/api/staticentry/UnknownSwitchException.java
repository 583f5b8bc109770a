package org.netservof.controller.api.staticentry;

/** An entry names a switch that is not connected to this controller; nothing changed. */
public final class UnknownSwitchException extends RuntimeException {
  public UnknownSwitchException(String message) {
    super(message);
  }
}
