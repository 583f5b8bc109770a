package org.netservof.controller.store.etcd;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd leases behind values with a deadline: one lease per written value, granted for the time left to
 * its deadline rounded up to whole seconds (at least one; etcd may raise it to its own minimum, about 1.5
 * election timeouts), so etcd deletes the value no earlier than its deadline even while no controller runs.
 * A lease no longer attached to a value (replaced, removed, or a write that failed) is revoked without
 * waiting; if that revoke is lost, the lease runs out on its own and deletes nothing.
 */
final class EtcdLeases {
  private static final Logger log = LoggerFactory.getLogger(EtcdLeases.class);
  private final String store;
  private final EtcdStoreContext shared;

  EtcdLeases(String store, EtcdStoreContext shared) {
    this.store = store;
    this.shared = shared;
  }

  /** A new lease that ends at {@code deadline}; 0 (etcd's "no lease") when there is none. */
  long grant(Optional<Instant> deadline) {
    if (deadline.isEmpty()) {
      return 0;
    }
    long ttl = ttlSeconds(shared.clock().instant(), deadline.get());
    return shared.calls().call(store, "granting a lease of " + ttl + " s", attempt -> shared.lease().grant(ttl))
        .getID();
  }

  static long ttlSeconds(Instant now, Instant deadline) {
    long millis = Duration.between(now, deadline).toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  /** Revokes a lease no value holds any more (0: none), without waiting. */
  void revoke(long lease) {
    if (lease == 0) {
      return;
    }
    shared.lease().revoke(lease).whenComplete((ok, e) -> {
      if (e != null) {
        log.debug("store {}: lease {} not revoked ({}); it runs out on its own", store, lease, e.getMessage());
      }
    });
  }
}
