package org.netservof.rest.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may call the API from pages served elsewhere ({@code rest-cors-origins}). An origin
 * is allowed only when it equals a listed one as a whole (scheme, host and port; a default port written or
 * not): no wildcards, no suffix or prefix matching, so {@code https://trusted.example.evil} and
 * {@code https://evil.trusted.example} are not {@code https://trusted.example}. The opaque origin
 * {@code null} (sandboxed frames, {@code file:} pages, some redirects) is never allowed: any page can send
 * it. Immutable.
 */
public final class CorsPolicy {
  private final Set<String> origins;

  private CorsPolicy(Set<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  /**
   * The policy for the configured origins; empty: no cross-origin access (the default).
   *
   * @throws IllegalArgumentException naming the entry, for one that is not {@code http(s)://host[:port]}
   */
  public static CorsPolicy of(List<String> configured) {
    Set<String> origins = new LinkedHashSet<>();
    for (String origin : configured) {
      origins.add(normalise(origin).orElseThrow(() -> new IllegalArgumentException("rest-cors-origins: '" + origin
          + "' is not an origin: write scheme://host[:port], e.g. https://dashboard.example:8443 (no path, no"
          + " wildcard, not null)")));
    }
    return new CorsPolicy(origins);
  }

  /** Whether cross-origin access is configured at all. */
  public boolean enabled() {
    return !origins.isEmpty();
  }

  /** Whether a request's {@code Origin} header names a listed origin; false for none, malformed or null. */
  public boolean allows(String origin) {
    return origin != null && normalise(origin).map(origins::contains).orElse(false);
  }

  /** {@code scheme://host[:port]} in lower case with the default port left out, or empty if not an origin. */
  static Optional<String> normalise(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare = uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
        && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
      return Optional.empty();
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    String port = uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
    return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
  }
}
