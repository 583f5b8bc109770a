package org.netservof.node.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.netservof.node.container.ModuleLoader;
import org.netservof.protocol.url.GuardedHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches module JARs over HTTP into a cache keyed by their SHA-256, refusing bytes whose digest is not
 * the one the install request carries. The container checks the digest again before it loads a class. What a
 * URL may reach, how large and how slow its answer may be, is the {@link GuardedHttp} client's to enforce: the
 * node's own {@code --module-repositories}, else public addresses only; no redirects; a size cap and a deadline.
 */
final class ModuleFetcher {
  private static final Logger log = LoggerFactory.getLogger(ModuleFetcher.class);
  /** What the requester is told when a module cannot be had: the details are the node's to log, not to tell. */
  static final String NOT_FETCHED = "the module could not be fetched from its URL, or its bytes do not match its "
      + "sha256 (the node's log says which)";
  private final Path cache;
  private final GuardedHttp http;

  ModuleFetcher(Path cache, GuardedHttp http) {
    this.cache = cache;
    this.http = http;
  }

  /**
   * The JAR with this digest, downloaded from {@code url} unless the cache has it.
   *
   * @throws IOException {@link #NOT_FETCHED}, whatever went wrong: what it was (the status, the digest met, a
   *     redirect, a refused address, the deadline) is logged here and never told to the requester, so a URL
   *     cannot be used to probe the node's network; an interrupt (a remove that overtakes this install) ends the
   *     fetch at once
   */
  Path fetch(String url, String sha256) throws IOException {
    try {
      return fetchOrExplain(url, sha256);
    } catch (IOException e) {
      log.warn("module from {} not fetched: {}", url, e.getMessage());
      throw new IOException(NOT_FETCHED);
    }
  }

  private Path fetchOrExplain(String url, String sha256) throws IOException {
    String digest = sha256.toLowerCase();
    if (!digest.matches("[0-9a-f]{64}")) {
      throw new IOException("sha256 '" + sha256 + "' is not 64 hex digits");
    }
    Path cached = cache.resolve(digest + ".jar");
    if (Files.exists(cached)) {
      return cached;
    }
    byte[] body = http.get(url);
    String actual = ModuleLoader.sha256(body);
    if (!actual.equals(digest)) {
      throw new IOException("the JAR at " + url + " has SHA-256 " + actual + ", not " + digest);
    }
    Files.createDirectories(cache);
    Path tmp = Files.createTempFile(cache, "fetch", ".tmp");
    Files.write(tmp, body);
    // Readable by the containers' user (the digest, not secrecy, protects a module).
    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return cached;
  }
}
