package org.netservof.controller.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.store.StoreCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store in etcd: each key is {@code <namespace>stores/<name>/<key as JSON>}, its value the JSON of the value
 * and its deadline, its revision etcd's mod revision of the key. Reads answer from the cache the store's
 * watch keeps; writes are etcd requests (compare-and-set a transaction on the key's mod revision), and
 * return once the watch has applied them, so a caller reads its own write and the listeners have been told.
 * A value with a deadline lives on an etcd lease ({@link EtcdLeases}), so etcd expires it on time even while
 * no controller runs; {@link #expire} has nothing to do.
 */
final class EtcdIntentStore<K, V> implements IntentStore<K, V> {
  private static final Logger log = LoggerFactory.getLogger(EtcdIntentStore.class);
  private final String name;
  private final StoreCodec<K, V> codec;
  private final EtcdStoreContext shared;
  private final EtcdLeases leases;
  private final EtcdStoreCache<K, V> cache;

  EtcdIntentStore(String name, StoreCodec<K, V> codec, EtcdStoreContext shared, EtcdStoreCache<K, V> cache) {
    this.name = name;
    this.codec = codec;
    this.shared = shared;
    this.leases = new EtcdLeases(name, shared);
    this.cache = cache;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Versioned<V>> get(K key) {
    return cache.get(key);
  }

  /** As of the last revision the watch applied: other controllers' latest writes may be on their way. */
  @Override
  public Map<K, Versioned<V>> all() {
    return cache.all();
  }

  @Override
  public long revision() {
    return cache.revision();
  }

  @Override
  public Versioned<V> put(K key, V value, Optional<Instant> deadline) {
    ByteSequence k = key(key);
    ByteSequence v = EtcdConnection.bytes(codec.unversioned(value, deadline));
    long lease = leases.grant(deadline);
    PutResponse written;
    try {
      written = shared.calls().call(name, "writing " + codec.key(key), attempt -> shared.kv().put(k, v, putOption(lease)));
    } catch (StoreUnavailableException e) {
      leases.revoke(lease);
      throw e;
    }
    if (written.hasPrevKv()) {
      leases.revoke(written.getPrevKv().getLease());
    }
    return seen(new Versioned<>(value, written.getHeader().getRevision(), deadline));
  }

  @Override
  public Optional<Versioned<V>> compareAndSet(K key, long expected, V value, Optional<Instant> deadline) {
    ByteSequence k = key(key);
    ByteSequence v = EtcdConnection.bytes(codec.unversioned(value, deadline));
    long lease = leases.grant(deadline);
    AtomicInteger attempts = new AtomicInteger();
    TxnResponse r;
    try {
      r = shared.calls().call(name, "writing " + codec.key(key), attempt -> {
        attempts.set(attempt);
        return shared.kv().txn().If(expectation(k, expected)).Then(Op.put(k, v, putOption(lease)))
            .Else(Op.get(k, GetOption.DEFAULT)).commit();
      });
    } catch (StoreUnavailableException e) {
      leases.revoke(lease);
      throw e;
    }
    if (r.isSucceeded()) {
      PutResponse put = r.getPutResponses().get(0);
      leases.revoke(put.hasPrevKv() ? put.getPrevKv().getLease() : 0);
      return Optional.of(seen(new Versioned<>(value, r.getHeader().getRevision(), deadline)));
    }
    List<KeyValue> now = r.getGetResponses().get(0).getKvs();
    if (attempts.get() > 1 && now.size() == 1 && now.get(0).getValue().equals(v) && now.get(0).getLease() == lease) {
      // An earlier attempt was applied before its answer was lost (an election): this is our own write.
      return Optional.of(seen(new Versioned<>(value, now.get(0).getModRevision(), deadline)));
    }
    leases.revoke(lease);
    return Optional.empty();
  }

  /**
   * {@inheritDoc} A removal sent again after its first attempt's answer was lost (an election) finds the key
   * gone and answers empty, as if it had been absent.
   */
  @Override
  public Optional<Versioned<V>> remove(K key) {
    ByteSequence k = key(key);
    DeleteResponse r = shared.calls().call(name, "removing " + codec.key(key),
        attempt -> shared.kv().delete(k, DeleteOption.builder().withPrevKV(true).build()));
    if (r.getDeleted() == 0) {
      return Optional.empty();
    }
    KeyValue before = r.getPrevKvs().get(0);
    leases.revoke(before.getLease());
    seen(r.getHeader().getRevision());
    return Optional.of(codec.value(before.getValue().toString(StandardCharsets.UTF_8), before.getModRevision()));
  }

  @Override
  public boolean remove(K key, long expected) {
    if (expected == 0) {
      return false;
    }
    ByteSequence k = key(key);
    AtomicInteger attempts = new AtomicInteger();
    TxnResponse r = shared.calls().call(name, "removing " + codec.key(key), attempt -> {
      attempts.set(attempt);
      return shared.kv().txn().If(expectation(k, expected))
          .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
          .Else(Op.get(k, GetOption.DEFAULT)).commit();
    });
    if (r.isSucceeded()) {
      List<KeyValue> before = r.getDeleteResponses().get(0).getPrevKvs();
      leases.revoke(before.isEmpty() ? 0 : before.get(0).getLease());
      seen(r.getHeader().getRevision());
      return true;
    }
    // Sent again after an election and the key is gone: the earlier attempt most likely removed it, and
    // either way the value the caller meant to remove is not there.
    return attempts.get() > 1 && r.getGetResponses().get(0).getKvs().isEmpty();
  }

  /** Nothing to do: etcd expires each value with its lease, on its own clock. */
  @Override
  public List<K> expire(Instant now) {
    return List.of();
  }

  @Override
  public void addListener(StoreListener<K, V> listener, long afterRevision) {
    Future<?> replay = shared.watch().register(() -> cache.listen(listener, afterRevision));
    if (shared.watch().onDeliveryThread()) {
      return; // a listener adding one: the replay runs after it returns
    }
    try {
      replay.get(shared.calls().timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("store {}: replay to a new listener after revision {} not finished: {}", name, afterRevision,
          e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void removeListener(StoreListener<K, V> listener) {
    cache.removeListener(listener);
  }

  private ByteSequence key(K key) {
    return EtcdConnection.bytes(shared.watch().prefix() + name + "/" + codec.key(key));
  }

  private static Cmp expectation(ByteSequence key, long expected) {
    return expected == 0 ? new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0))
        : new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(expected));
  }

  private static PutOption putOption(long lease) {
    return PutOption.builder().withLeaseId(lease).withPrevKV().build();
  }

  private Versioned<V> seen(Versioned<V> written) {
    seen(written.revision());
    return written;
  }

  /**
   * Waits for the watch to apply our write. The write is in etcd whatever happens here: when the watch lags
   * past the timeout (a member restarting under it) the caller is answered anyway, and may read the value
   * before it for a moment.
   */
  private void seen(long revision) {
    if (!shared.watch().await(revision, Instant.now().plus(shared.calls().timeout()))) {
      log.warn("store {}: revision {} is written to etcd but the watch has not applied it within {}", name,
          revision, shared.calls().timeout());
    }
  }
}
