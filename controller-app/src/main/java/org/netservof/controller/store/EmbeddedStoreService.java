package org.netservof.controller.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.api.store.Versioned;

/**
 * Durable stores in one embedded MVStore file (no server): each store is loaded whole at its first
 * {@link #open} and kept in a {@link MemoryIntentStore}, which owns revisions, compare-and-set, leases and
 * events and hands each change to the file before it applies it. Values keep their revision and their lease's
 * absolute deadline, so revisions rise across restarts and a lease that ran out while the controller was down
 * is expired by the first {@code expire(now)} after start.
 */
public final class EmbeddedStoreService implements StoreService, StoreAdminService, AutoCloseable {
  private final StoreFile file;
  private final int keptEvents;
  private final ObjectMapper mapper = StoreCodec.mapper();
  private final OpenedStores opened = new OpenedStores();

  private EmbeddedStoreService(StoreFile file, int keptEvents) {
    this.file = file;
    this.keptEvents = keptEvents;
  }

  /**
   * Opens (or creates) the store file; it stays locked against other controllers until {@link #close}.
   *
   * @param sync whether every write is also forced to the disk before it returns (survives a power loss,
   *     not only a crash of the controller)
   * @throws IOException with the operator's message: locked, corrupt, newer, or not creatable
   */
  public static EmbeddedStoreService open(Path file, boolean sync) throws IOException {
    return open(file, sync, MemoryIntentStore.DEFAULT_KEPT_EVENTS);
  }

  /** As {@link #open(Path, boolean)}, each store keeping the last {@code keptEvents} events for listeners. */
  static EmbeddedStoreService open(Path file, boolean sync, int keptEvents) throws IOException {
    return new EmbeddedStoreService(StoreFile.open(file, sync), keptEvents);
  }

  public Path path() {
    return file.path();
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
    return opened.open(name, keyType, valueType, () -> load(name, StoreCodec.of(mapper, keyType, valueType)));
  }

  @Override
  public void backup(Path target) throws IOException {
    file.backup(target);
  }

  @Override
  public void close() {
    file.close();
  }

  private <K, V> IntentStore<K, V> load(String name, StoreCodec<K, V> codec) {
    Map<K, Versioned<V>> loaded = new HashMap<>();
    try {
      file.entries(name).forEach((k, v) -> loaded.put(codec.key(k), codec.value(v)));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the intent store " + file.path() + " holds a value of '" + name
          + "' this controller cannot read (" + e.getMessage() + "): run the version that wrote it, or "
          + "restore a backup", e);
    }
    StoreWriter<K, V> writer = (changes, revision) -> file.write(name, encode(codec, changes), revision);
    return new MemoryIntentStore<>(name, keptEvents, writer, loaded,
        file.revision(name));
  }

  /** Encoded before the file is touched, so a value that cannot be written changes nothing. */
  private static <K, V> Map<String, Optional<String>> encode(StoreCodec<K, V> codec,
      List<StoreChange<K, V>> changes) {
    Map<String, Optional<String>> encoded = new LinkedHashMap<>();
    changes.forEach(c -> encoded.put(codec.key(c.key()), c.after().map(codec::value)));
    return encoded;
  }
}
