package org.netservof.bridge.signaling;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalFormatException;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.protocol.signaling.SignalRequest;

/**
 * Checks that a request comes from the user it names: the Ed25519 signature over the message without its
 * signature line, a timestamp close to ours, and a nonce this domain has not seen within the window. A nonce
 * is remembered only once the signature holds, so nobody can burn another user's nonces.
 */
final class Authenticator {
  private static final long MAX_NONCES = 200_000;

  private final Users users;
  private final Clock clock;
  private final Duration window;
  private final Cache<String, Boolean> seen;

  Authenticator(Users users, Clock clock, Duration window) {
    this.users = users;
    this.clock = clock;
    this.window = window;
    // A nonce older than the window cannot come back: its timestamp would be refused first.
    this.seen = CacheBuilder.newBuilder().expireAfterWrite(window.multipliedBy(2)).maximumSize(MAX_NONCES).build();
  }

  /**
   * @param raw the message as it arrived
   * @return the sender's policy
   * @throws Refusal 401 with the reason when the message is not the user's, or is a replay
   */
  UserPolicy authenticate(SignalRequest request, byte[] raw) throws Refusal {
    String name = request.user().orElseThrow(() -> new Refusal(401, "no user"));
    UserPolicy user = users.get(name).orElseThrow(() -> new Refusal(401, "unknown user '" + name + "'"));
    long now = clock.instant().getEpochSecond();
    long timestamp = request.timestamp().orElseThrow(() -> new Refusal(401, "no timestamp"));
    if (Math.abs(now - timestamp) > window.getSeconds()) {
      throw new Refusal(401, "timestamp " + timestamp + " is " + (now - timestamp) + " s from this domain's clock, "
          + "outside the " + window.getSeconds() + " s window");
    }
    byte[] signed;
    try {
      signed = SignalCodec.signedBytes(raw);
    } catch (SignalFormatException e) {
      throw new Refusal(401, e.getMessage());
    }
    if (!SignalKeys.verify(user.key(), signed, request.signature().orElse(""))) {
      throw new Refusal(401, "signature does not verify with the key of user '" + name + "'");
    }
    String nonce = name + " " + request.nonce().orElseThrow(() -> new Refusal(401, "no nonce"));
    if (seen.asMap().putIfAbsent(nonce, Boolean.TRUE) != null) {
      throw new Refusal(401, "nonce " + request.nonce().get() + " was used already: a replay");
    }
    return user;
  }
}
