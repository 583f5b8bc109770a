package org.netservof.bridge.api;

/**
 * A deployment that cannot be done, with a status in HTTP's terms (the REST API answers with it; signaling
 * puts it in the response stack): 400 bad request, 403 not allowed, 404 unknown, 409 conflict, 502 the
 * nodes failed, 503 no capacity now.
 */
public final class DeploymentException extends Exception {
  private final int status;

  public DeploymentException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
