package org.netservof.rest.floodlight.staticentry;

/** An entry names a switch that is not connected; the REST layer answers 404. */
public final class UnknownSwitchException extends RuntimeException {
  public UnknownSwitchException(String message) {
    super(message);
  }
}
