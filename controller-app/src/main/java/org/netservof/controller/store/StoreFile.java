package org.netservof.controller.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.netservof.controller.api.store.StoreUnavailableException;

/**
 * The one MVStore file that holds every durable intent store: each store is a map of JSON key to JSON
 * value, and the {@value #META} map holds the file's format and each store's revision. A write is committed
 * (on the file, so a {@code kill -9} keeps it) and, with {@code sync}, forced to the disk (so a power loss
 * keeps it too) before it returns; a write that fails is rolled back and reported, never half-applied.
 */
final class StoreFile implements AutoCloseable {
  /** The layout this controller writes; a file of a higher one is refused. */
  static final int FORMAT = 1;
  static final String META = "netserv";
  private static final String FORMAT_KEY = "format";
  private static final String REVISION = "revision.";
  private static final String STORE = "intent.";

  private final Path path;
  private final boolean sync;
  private final MVStore mv;
  private final MVMap<String, String> meta;

  private StoreFile(Path path, boolean sync, MVStore mv) {
    this.path = path;
    this.sync = sync;
    this.mv = mv;
    this.meta = mv.openMap(META);
  }

  /**
   * Opens the file, created with its directory if absent, and checks it whole.
   *
   * @throws IOException with a message for the operator when the file is locked by another controller,
   *     corrupt, of a newer format, or cannot be created
   */
  static StoreFile open(Path path, boolean sync) throws IOException {
    Path file = path.toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new IOException("cannot create the store directory " + file.getParent() + ": " + e, e);
    }
    MVStore mv = null;
    try {
      mv = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
      // Chunks are reused as soon as nothing lives in them: every commit is forced or at least written
      // before the next, and the default (45 s of old chunks) grows the file by every write of that time.
      mv.setRetentionTime(0);
      StoreFile opened = new StoreFile(file, sync, mv);
      opened.checkWhole();
      return opened;
    } catch (MVStoreException | IllegalStateException e) {
      closeQuietly(mv);
      throw new IOException(StoreFileErrors.atOpen(file, e), e);
    } catch (IOException e) {
      closeQuietly(mv);
      throw e;
    }
  }

  Path path() {
    return path;
  }

  /** The store's entries, as JSON key to JSON value. */
  synchronized Map<String, String> entries(String store) {
    return new LinkedHashMap<>(mv.<String, String>openMap(STORE + store));
  }

  /** The store's revision: that of its last change, 0 for a store never written. */
  synchronized long revision(String store) {
    return Optional.ofNullable(meta.get(REVISION + store)).map(Long::parseLong).orElse(0L);
  }

  /**
   * Writes the changes (JSON key to JSON value; empty to remove) and the store's new revision in one commit.
   *
   * @throws StoreUnavailableException when the file cannot be written; nothing of the change was kept
   */
  synchronized void write(String store, Map<String, Optional<String>> changes, long revision) {
    try {
      MVMap<String, String> map = mv.openMap(STORE + store);
      meta.put(REVISION + store, Long.toString(revision));
      changes.forEach((k, v) -> v.ifPresentOrElse(json -> map.put(k, json), () -> map.remove(k)));
      mv.commit();
      if (sync) {
        mv.sync();
      }
    } catch (MVStoreException | IllegalStateException e) {
      rollback();
      throw new StoreUnavailableException(StoreFileErrors.atWrite(path, store, e), e);
    }
  }

  /**
   * Copies the file as of the last commit: every write commits before it releases this object's lock and
   * nothing else writes the file (no background writer), so the bytes do not change during the copy.
   */
  synchronized void backup(Path target) throws IOException {
    if (mv.isClosed()) {
      throw new IOException("the intent store " + path + " is closed; nothing to back up");
    }
    Path to = target.toAbsolutePath();
    Files.createDirectories(to.getParent());
    Files.copy(path, to);
  }

  @Override
  public synchronized void close() {
    if (!mv.isClosed()) {
      mv.close();
    }
  }

  /** A write that failed leaves the maps ahead of the file; a store that did not close itself drops it. */
  private void rollback() {
    if (!mv.isClosed()) {
      try {
        mv.rollback();
      } catch (MVStoreException | IllegalStateException e) {
        mv.closeImmediately();
      }
    }
  }

  private static long headerVersion(Object version) {
    if (version == null) {
      return 0;
    }
    return version instanceof Number n ? n.longValue() : Long.parseLong(version.toString(), 16);
  }

  private static void closeQuietly(MVStore mv) {
    if (mv != null) {
      mv.closeImmediately();
    }
  }

  /**
   * Refuses a newer format and a file cut short, and reads every page once, so corruption shows now, not at a
   * later write. MVStore opens the newest chunk it can read, so a file that lost its tail opens silently at
   * an old version; its header, written at the start of the file, still names a later one.
   */
  private void checkWhole() throws IOException {
    long headerVersion = headerVersion(mv.getStoreHeader().get("version"));
    if (mv.getCurrentVersion() < headerVersion) {
      throw new IOException(StoreFileErrors.rolledBack(path, headerVersion, mv.getCurrentVersion()));
    }
    String format = meta.get(FORMAT_KEY);
    if (format == null) {
      meta.put(FORMAT_KEY, Integer.toString(FORMAT));
      mv.commit();
    } else if (Integer.parseInt(format) > FORMAT) {
      throw new IOException(StoreFileErrors.newer(path, Integer.parseInt(format), FORMAT));
    }
    for (String name : mv.getMapNames()) {
      mv.<Object, Object>openMap(name).forEach((k, v) -> { });
    }
  }
}
