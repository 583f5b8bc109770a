package org.netservof.bridge.signaling;

import java.time.Clock;
import java.time.Duration;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalFormatException;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.protocol.signaling.SignalRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a request comes from the user it names: the Ed25519 signature over the message without its
 * signature line, a timestamp close to ours, and a nonce this domain has not seen within the window. The
 * cheap checks (a known user, a timestamp inside the window) come before the signature; a nonce is remembered
 * only once the signature holds, so nobody can burn another user's nonces or fill the store with theirs.
 *
 * <p>The nonce is the request's first durable write, made before anything is acted on. When the store cannot
 * write it, the request is refused (503) and the nonce is not used up: the same bytes may come again. Once it
 * is written it is never given back, even when a later write fails and the request is answered 503 with what
 * it had applied taken back: a client signs a new request to try again, and no captured request can ever be
 * acted on twice.
 */
final class Authenticator {
  private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
  private final Users users;
  private final Clock clock;
  private final Duration window;
  private final NonceStore nonces;
  private final int noncesPerUser;
  private final SignalingCounters counters;

  /** @param seen the nonces of verified requests (store "signaling-nonces"), read back at start */
  Authenticator(Users users, Clock clock, Duration window, int noncesPerUser, SignalingCounters counters,
      IntentStore<String, SeenNonce> seen) {
    this.users = users;
    this.clock = clock;
    this.window = window;
    this.nonces = new NonceStore(seen, clock, window.getSeconds(), noncesPerUser);
    this.noncesPerUser = noncesPerUser;
    this.counters = counters;
    counters.nonces(nonces::size, () -> (long) noncesPerUser * Math.max(1, users.size()));
  }

  /**
   * @param raw the message as it arrived
   * @return the sender's policy
   * @throws Refusal 401 with the reason when the message is not the user's, or is a replay; 429 when the user
   *     has sent more requests within the window than this domain remembers; 503 when the nonce cannot be
   *     written to its store (nothing was done, and the nonce is not used up: the same request may come again)
   */
  UserPolicy authenticate(SignalRequest request, byte[] raw) throws Refusal {
    UserPolicy user = verify(request, raw);
    String nonce = request.nonce().orElseThrow(() -> unauthenticated("no nonce"));
    switch (remember(request, user, nonce)) {
      case REPLAY -> {
        counters.replayed.increment();
        throw new Refusal(401, "nonce " + nonce + " was used already: a replay", SignalOutcome.REPLAYED);
      }
      case FULL -> {
        counters.nonceLimited.increment();
        throw new Refusal(429, "user '" + user.name() + "' sent " + noncesPerUser + " requests within the "
            + window.getSeconds() + " s window, the most this domain remembers; try again later");
      }
      default -> {
        return user;
      }
    }
  }

  /** Remembers the nonce; a request whose nonce cannot be made durable is not acted on. */
  private NonceStore.Outcome remember(SignalRequest request, UserPolicy user, String nonce) throws Refusal {
    try {
      return nonces.remember(user.name(), nonce, request.timestamp().orElseThrow());
    } catch (StoreUnavailableException e) {
      log.error("{} {} of user {} (nonce {}) not acted on: the store of signaling nonces failed: {}",
          request.method(), request.module(), user.name(), nonce, e.toString());
      throw new Refusal(503, "the controller cannot record the request (its store failed: " + e.getMessage()
          + "); nothing was done, send it again later");
    }
  }

  /** The user whose key signed the request, when its timestamp is inside the window. */
  private UserPolicy verify(SignalRequest request, byte[] raw) throws Refusal {
    String name = request.user().orElseThrow(() -> unauthenticated("no user"));
    UserPolicy user = users.get(name).orElseThrow(() -> unauthenticated("unknown user '" + name + "'"));
    long now = clock.instant().getEpochSecond();
    long timestamp = request.timestamp().orElseThrow(() -> unauthenticated("no timestamp"));
    if (Math.abs(now - timestamp) > window.getSeconds()) {
      counters.unauthenticated.increment(); // stale: counted as a replay (or a clock far off)
      throw new Refusal(401, "timestamp " + timestamp + " is " + (now - timestamp) + " s from this domain's clock, "
          + "outside the " + window.getSeconds() + " s window", SignalOutcome.REPLAYED);
    }
    byte[] signed;
    try {
      signed = SignalCodec.signedBytes(raw);
    } catch (SignalFormatException e) {
      throw unauthenticated(e.getMessage());
    }
    if (!SignalKeys.verify(user.key(), signed, request.signature().orElse(""))) {
      throw unauthenticated("signature does not verify with the key of user '" + name + "'");
    }
    return user;
  }

  private Refusal unauthenticated(String reason) {
    counters.unauthenticated.increment();
    return new Refusal(401, reason, SignalOutcome.FORGED);
  }
}
