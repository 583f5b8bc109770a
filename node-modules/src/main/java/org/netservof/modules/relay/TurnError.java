package org.netservof.modules.relay;

/** Why a TURN request is refused: the STUN error code and reason phrase its sender gets. */
final class TurnError extends Exception {
  private final int code;

  TurnError(int code, String reason) {
    super(reason, null, false, false); // an answer to a client, not a fault: no stack trace to fill in
    this.code = code;
  }

  int code() {
    return code;
  }
}
