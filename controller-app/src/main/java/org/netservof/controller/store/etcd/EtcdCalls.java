package org.netservof.controller.store.etcd;

import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.netservof.controller.api.store.StoreUnavailableException;

/**
 * Runs one etcd request for a store within the timeout, in attempts of a third of it
 * ({@link EtcdRequestDeadline}, which etcd enforces too): an attempt that fails as UNAVAILABLE (no leader yet,
 * a member that just died, its connection closed under the call) or runs out of its time (the leader it went to died with it) is sent again while
 * a whole attempt fits in the timeout, since the next member or the next leader usually takes it. Anything
 * else, or the timeout, is a {@link StoreUnavailableException} naming the store and the request; as no
 * attempt outlives the timeout in etcd either, a request reported failed is not applied later.
 */
final class EtcdCalls {
  private static final long RETRY_PAUSE_MILLIS = 100;
  /** Past an attempt's deadline, for its answer to travel back. */
  private static final long GRACE_MILLIS = 1_000;
  private final Duration timeout;
  private final Duration attempt;

  EtcdCalls(Duration timeout) {
    this.timeout = timeout;
    this.attempt = EtcdRequestDeadline.attempt(timeout);
  }

  Duration timeout() {
    return timeout;
  }

  /**
   * @param request makes the request; its argument is the attempt (1 for the first), so a compare-and-set
   *     sent again can tell that its first attempt may have been applied
   */
  <T> T call(String store, String what, IntFunction<CompletableFuture<T>> request) {
    Instant deadline = Instant.now().plus(timeout);
    Throwable last = null;
    for (int n = 1; ; n++) {
      if (n > 1 && Instant.now().plus(attempt).isAfter(deadline)) {
        throw unavailable(store, what, last);
      }
      CompletableFuture<T> future = request.apply(n);
      try {
        return future.get(attempt.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        future.cancel(true);
        throw unavailable(store, what, e);
      } catch (ExecutionException e) {
        last = e.getCause();
        if (!retryable(last)) {
          throw unavailable(store, what, last);
        }
        pause(store, what);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted while " + what + " in store '" + store + "'", e);
      }
    }
  }

  /** Whether etcd may take the request when it is sent again: no leader, a member gone, an attempt's time up. */
  static boolean retryable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof EtcdException e && (e.getErrorCode() == ErrorCode.UNAVAILABLE
          || e.getErrorCode() == ErrorCode.DEADLINE_EXCEEDED)) {
        return true;
      }
      if (c instanceof StatusRuntimeException s && (s.getStatus().getCode() == Status.Code.UNAVAILABLE
          || s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED || closedUnder(s.getStatus()))) {
        return true;
      }
    }
    return false;
  }

  /** gRPC's Netty transport: the connection to the member closed under the call (the member died). */
  private static boolean closedUnder(Status status) {
    return status.getCode() == Status.Code.UNKNOWN && "channel closed".equals(status.getDescription());
  }

  private StoreUnavailableException unavailable(String store, String what, Throwable cause) {
    String why = cause == null || cause instanceof TimeoutException ? "no answer within " + timeout
        : String.valueOf(cause.getMessage());
    return new StoreUnavailableException("etcd did not take the request " + what + " in store '" + store
        + "' (" + why + "), so the change was not acknowledged: check that a majority of the etcd members "
        + "run and reach each other (store-endpoints, store-timeout " + timeout + ")", cause);
  }

  private static void pause(String store, String what) {
    try {
      Thread.sleep(RETRY_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while " + what + " in store '" + store + "'", e);
    }
  }
}
