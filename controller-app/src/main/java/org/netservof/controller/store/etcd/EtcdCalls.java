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
 * Runs one etcd request for a store within the timeout: a request that fails as UNAVAILABLE (no leader yet, a
 * member that just died, "request timed out" during an election) is sent again until the timeout, since the
 * next member or the next leader usually takes it; anything else, or the timeout, is a
 * {@link StoreUnavailableException} naming the store and the request.
 */
final class EtcdCalls {
  private static final long RETRY_PAUSE_MILLIS = 100;
  private final Duration timeout;

  EtcdCalls(Duration timeout) {
    this.timeout = timeout;
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
    for (int attempt = 1; ; attempt++) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left <= 0) {
        throw unavailable(store, what, last);
      }
      CompletableFuture<T> future = request.apply(attempt);
      try {
        return future.get(left, TimeUnit.MILLISECONDS);
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

  /** Whether etcd may take the request when it is sent again: no leader, or a member gone. */
  static boolean retryable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof EtcdException e && e.getErrorCode() == ErrorCode.UNAVAILABLE) {
        return true;
      }
      if (c instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNAVAILABLE) {
        return true;
      }
    }
    return false;
  }

  private StoreUnavailableException unavailable(String store, String what, Throwable cause) {
    String why = cause == null ? "no answer" : cause instanceof TimeoutException ? "no answer within " + timeout
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
