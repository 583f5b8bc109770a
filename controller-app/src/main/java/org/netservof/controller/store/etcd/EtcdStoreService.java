package org.netservof.controller.store.etcd;

import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.controller.store.OpenedStores;
import org.netservof.controller.store.StoreCodec;

/**
 * Stores in etcd, shared by every controller of a cluster: a change one controller makes reaches the others'
 * stores and listeners through their watches, in etcd's revision order. Revisions are etcd's, so they rise
 * across restarts and are the same on every controller; a store's revisions are not consecutive (other
 * stores' writes fall between). Every write is a round trip to the etcd leader and a majority of members,
 * then a wait for the watch.
 */
public final class EtcdStoreService implements StoreService, StoreAdminService, AutoCloseable {
  /** Events kept per store for listeners that resume from a revision, as the embedded store keeps. */
  static final int DEFAULT_KEPT_EVENTS = 4096;
  /** A snapshot is the whole etcd database: it may take longer than one request. */
  private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(2);
  private final EtcdConnection connection;
  private final EtcdStoreContext shared;
  private final OpenedStores opened = new OpenedStores();

  private EtcdStoreService(EtcdConnection connection, EtcdStoreContext shared) {
    this.connection = connection;
    this.shared = shared;
  }

  /**
   * Reads every store in the connection's namespace and starts watching them. The connection stays the
   * caller's (other modules share it): {@link #close} stops the watch only.
   *
   * @param clock tells whether a deleted value's deadline had passed (an expiry) and the leases' TTLs
   * @throws org.netservof.controller.api.store.StoreUnavailableException when etcd does not answer the read
   */
  public static EtcdStoreService open(EtcdConnection connection, Clock clock) {
    return open(connection, clock, DEFAULT_KEPT_EVENTS);
  }

  static EtcdStoreService open(EtcdConnection connection, Clock clock, int keptEvents) {
    EtcdCalls calls = new EtcdCalls(connection.settings().timeout());
    return new EtcdStoreService(connection, new EtcdStoreContext(connection.client().getKVClient(),
        connection.client().getLeaseClient(), calls, EtcdStoreWatch.start(connection, calls), clock, keptEvents,
        StoreCodec.mapper()));
  }

  @Override
  public SortedSet<String> names() {
    return opened.names();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when a stored value does not read back as {@code valueType}
   */
  @Override
  public <K, V> IntentStore<K, V> open(String name, Class<K> keyType, Class<V> valueType) {
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("store name '" + name + "' must be non-empty and hold no '/'");
    }
    StoreCodec<K, V> codec = StoreCodec.of(shared.mapper(), keyType, valueType);
    EtcdStoreWatch watch = shared.watch();
    return opened.open(name, keyType, valueType, () -> new EtcdIntentStore<>(name, codec, shared,
        watch.open(name, loaded -> new EtcdStoreCache<>(name, codec, shared, loaded, watch.applied()))));
  }

  /**
   * Writes etcd's snapshot of its whole database (every namespace, not only this cluster's stores), as the
   * member this controller talks to holds it; restore it with {@code etcdutl snapshot restore} (or
   * {@code etcdctl} before 3.5) into new data directories.
   */
  @Override
  public void backup(Path target) throws IOException {
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "a backup is never overwritten");
    }
    answering();
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path partial = dir.resolve(target.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
      connection.client().getMaintenanceClient().snapshot(out)
          .get(SNAPSHOT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Files.deleteIfExists(partial);
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("etcd did not send its snapshot for " + target + " (" + cause.getMessage()
          + "); check that the members in store-endpoints run", e);
    } catch (InterruptedException e) {
      Files.deleteIfExists(partial);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while taking etcd's snapshot", e);
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Checks within the store timeout that a member answers: a snapshot request to a cluster that is down
   * waits for a member for as long as a snapshot may take.
   */
  private void answering() throws IOException {
    try {
      shared.calls().call("*", "checking that etcd answers before a backup", attempt -> shared.kv()
          .get(EtcdConnection.bytes(shared.watch().prefix()), GetOption.builder().withCountOnly(true).build()));
    } catch (StoreUnavailableException e) {
      throw new IOException("etcd did not send its snapshot: " + e.getMessage(), e);
    }
  }

  /** Stops the watch; the stores answer from what they last saw, and writes still go to etcd. */
  @Override
  public void close() {
    shared.watch().close();
  }
}
