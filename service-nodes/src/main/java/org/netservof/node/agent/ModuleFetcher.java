package org.netservof.node.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.netservof.node.container.ModuleLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches module JARs over HTTP into a cache keyed by their SHA-256, refusing bytes whose digest is not
 * the one the install request carries. The container checks the digest again before it loads a class.
 */
final class ModuleFetcher {
  private static final Logger log = LoggerFactory.getLogger(ModuleFetcher.class);
  private static final long MAX_BYTES = 64L << 20;
  /** What the requester is told when a module cannot be had: the details are the node's to log, not to tell. */
  static final String NOT_FETCHED = "the module could not be fetched from its URL, or its bytes do not match its "
      + "sha256 (the node's log says which)";
  private final Path cache;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NEVER).build(); // a redirect could point anywhere the node reaches

  ModuleFetcher(Path cache) {
    this.cache = cache;
  }

  /**
   * The JAR with this digest, downloaded from {@code url} unless the cache has it.
   *
   * @throws IOException {@link #NOT_FETCHED}, whatever went wrong: what it was (the status, the digest met, a
   *     redirect) is logged here and never told to the requester, so a URL cannot be used to probe the node's
   *     network
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
    byte[] body = download(url);
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

  /** The body at an http or https URL, refused past {@link #MAX_BYTES}. */
  private byte[] download(String url) throws IOException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IOException("url '" + url + "' is not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IOException("url '" + url + "' is not http or https");
    }
    byte[] body;
    try {
      HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("fetching " + url + " answered HTTP " + response.statusCode()
              + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        body = in.readNBytes((int) MAX_BYTES + 1); // never more than the limit in memory
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted fetching " + url);
    }
    if (body.length > MAX_BYTES) {
      throw new IOException(url + " is larger than " + MAX_BYTES + " bytes");
    }
    return body;
  }
}
