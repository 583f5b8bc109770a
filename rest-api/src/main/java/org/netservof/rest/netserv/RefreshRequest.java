package org.netservof.rest.netserv;


/** {@code POST /netserv/v1/services/{id}/refresh}: the new lifetime, from now. */
public record RefreshRequest(long ttlSeconds) {
  public RefreshRequest {
    if (ttlSeconds < 1 || ttlSeconds > 365L * 24 * 3600) {
      throw new IllegalArgumentException("ttlSeconds must be in 1..31536000, was " + ttlSeconds);
    }
  }
}
