package org.netservof.bridge.signaling;

/**
 * Why a domain will not do what a request asks: a status code for the response stack, a reason, and the outcome
 * the metrics count it under (decided where the refusal is made, which alone knows a forgery from a replay).
 */
final class Refusal extends Exception {
  private final int code;
  private final SignalOutcome outcome;

  /** A refusal counted by its code: 400 malformed, other 4xx refused, 5xx error. */
  Refusal(int code, String reason) {
    this(code, reason, SignalOutcome.ofCode(code));
  }

  Refusal(int code, String reason, SignalOutcome outcome) {
    super(reason, null, false, false);
    this.code = code;
    this.outcome = outcome;
  }

  int code() {
    return code;
  }

  SignalOutcome outcome() {
    return outcome;
  }
}
