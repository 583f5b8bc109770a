package org.netservof.bridge.signaling;

import java.util.Objects;

/**
 * A verified request's nonce, as the store of signaling nonces holds it (store "signaling-nonces"); its lease
 * ends when the request's timestamp leaves the window, after which the timestamp check refuses a replay.
 */
public record SeenNonce(String user, String nonce) {
  public SeenNonce {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(nonce, "nonce");
  }

  /** The store key: the user's name with its length first, so no user's key can look like another's. */
  String key() {
    return user.length() + ":" + user + ":" + nonce;
  }
}
