package org.netservof.controller.api.store;

/**
 * A durable store could not make a change durable (its disk is full or read-only, its file was lost): the
 * change was not made, and the caller must not acknowledge it. The REST API answers 503.
 */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message) {
    super(message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
