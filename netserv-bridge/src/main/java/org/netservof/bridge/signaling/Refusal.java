package org.netservof.bridge.signaling;

/** Why a domain will not do what a request asks: a status code for the response stack and a reason. */
final class Refusal extends Exception {
  private final int code;

  Refusal(int code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
