package org.netservof.modules.common;

/**
 * Why a server module refuses a client's request: the protocol's code (an HTTP status, a STUN error code) and
 * the reason its answer carries. An answer to a client, not a fault: it fills in no stack trace.
 */
public final class ClientError extends Exception {
  private final int code;

  public ClientError(int code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
