package org.netservof.controller.cluster;

import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.store.etcd.EtcdConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's etcd lease, kept alive; its key in the member list and its candidacies live under it. The lease
 * counts as lost when etcd says so, when the keep-alive stream ends, or when no keep-alive was answered for a
 * whole TTL (a partition, or a process stopped that long): by then etcd may have expired it and another
 * member may master this one's switches. A lost lease is given up and a new one granted at once.
 */
final class MemberLease implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MemberLease.class);
  private static final long RETRY_MS = 500;

  /** Told of each lease granted and each lost, in that order, from the lease's own threads. */
  interface Listener {
    void granted(long lease);

    void lost(long lease);
  }

  private final EtcdConnection etcd;
  private final long ttlSeconds;
  private final Listener listener;
  private final ScheduledExecutorService timer;
  /** Guarded by this: the lease held (0 for none), its keep-alive, and when etcd last answered it. */
  private long current;
  private Optional<CloseableClient> keepAlive = Optional.empty();
  private long answeredNanos;
  private boolean closed;

  MemberLease(EtcdConnection etcd, Duration ttl, Listener listener, ScheduledExecutorService timer) {
    this.etcd = etcd;
    this.ttlSeconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
    this.listener = listener;
    this.timer = timer;
  }

  /** Grants the first lease (in the background, retried until etcd answers) and starts watching it. */
  void start() {
    long period = Math.max(50, ttlSeconds * 1000 / 10);
    timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    grant();
  }

  /** The lease held now; 0 while there is none. */
  synchronized long current() {
    return current;
  }

  private void grant() {
    long timeout = etcd.settings().timeout().toMillis();
    etcd.client().getLeaseClient().grant(ttlSeconds, timeout, TimeUnit.MILLISECONDS).whenComplete((granted, failed) -> {
      if (failed != null) {
        log.warn("cluster: etcd did not grant a lease ({}); trying again", failed.getMessage());
        timer.schedule(this::grant, RETRY_MS, TimeUnit.MILLISECONDS);
        return;
      }
      long lease = granted.getID();
      synchronized (this) {
        if (closed) {
          etcd.client().getLeaseClient().revoke(lease);
          return;
        }
        current = lease;
        answeredNanos = System.nanoTime();
        keepAlive = Optional.of(etcd.client().getLeaseClient().keepAlive(lease, observer(lease)));
      }
      log.info("cluster: lease {} granted (TTL {} s)", Long.toHexString(lease), granted.getTTL());
      listener.granted(lease);
    });
  }

  private StreamObserver<LeaseKeepAliveResponse> observer(long lease) {
    return new StreamObserver<>() {
      @Override
      public void onNext(LeaseKeepAliveResponse answer) {
        if (answer.getTTL() > 0) {
          answered(lease);
        } else {
          lose(lease, "etcd says it expired");
        }
      }

      @Override
      public void onError(Throwable t) {
        lose(lease, "its keep-alive failed: " + t.getMessage());
      }

      @Override
      public void onCompleted() {
        lose(lease, "its keep-alive ended");
      }
    };
  }

  private synchronized void answered(long lease) {
    if (lease == current) {
      answeredNanos = System.nanoTime();
    }
  }

  private void check() {
    long lease;
    synchronized (this) {
      lease = current;
      if (lease == 0 || System.nanoTime() - answeredNanos <= TimeUnit.SECONDS.toNanos(ttlSeconds)) {
        return;
      }
    }
    lose(lease, "no keep-alive was answered for its whole TTL of " + ttlSeconds + " s");
  }

  /** Gives the lease up (telling the listener first, so it stops writing), then asks for a new one. */
  private void lose(long lease, String why) {
    synchronized (this) {
      if (lease != current || closed) {
        return;
      }
      current = 0;
      keepAlive.ifPresent(CloseableClient::close);
      keepAlive = Optional.empty();
    }
    log.warn("cluster: lease {} lost: {}", Long.toHexString(lease), why);
    listener.lost(lease);
    etcd.client().getLeaseClient().revoke(lease); // it may still live in etcd: end its candidacies at once
    grant();
  }

  /** Revokes the lease, so this member's leads pass to others at once instead of after the TTL. */
  @Override
  public void close() {
    long lease;
    synchronized (this) {
      closed = true;
      lease = current;
      current = 0;
      keepAlive.ifPresent(CloseableClient::close);
    }
    if (lease != 0) {
      try {
        etcd.client().getLeaseClient().revoke(lease).get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.info("cluster: could not revoke lease {} ({}); it expires in {} s", Long.toHexString(lease),
            e.getMessage(), ttlSeconds);
      }
    }
  }
}
