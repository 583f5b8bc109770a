package org.netservof.modules.cdn;

/** Why a request is answered with an error: the HTTP status and a short reason the body carries. */
final class HttpError extends Exception {
  private final int status;

  HttpError(int status, String reason) {
    super(reason, null, false, false); // an answer to a client, not a fault: no stack trace to fill in
    this.status = status;
  }

  int status() {
    return status;
  }
}
