package org.netservof.modules.cdn;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.netservof.node.api.ModuleProperties;

/**
 * ActiveCDN's properties: {@code origin} (required: the provider's server, {@code http://HOST[:PORT][/PREFIX]},
 * the only place misses are fetched from), {@code port} (the HTTP port on the node's service address, default
 * 8080, in the user's listen-ports grant), {@code max-bytes} (the cache, default 16 MiB), {@code max-object-bytes}
 * (the largest object fetched and cached, default 1 MiB), {@code ttl} (seconds an object is served from the
 * cache, default 60), {@code max-connections} (served at once, default 8), {@code request-timeout-ms} (for a
 * client to send its whole request, default 5000) and {@code origin-timeout-ms} (to connect to the origin and
 * to get its whole answer, default 5000).
 */
record CdnSettings(URI origin, int port, long maxBytes, int maxObjectBytes, Duration ttl, int maxConnections,
                   Duration requestTimeout, Duration originTimeout) {

  CdnSettings {
    if (maxObjectBytes > maxBytes) {
      throw new IllegalArgumentException("property max-object-bytes (" + maxObjectBytes + ") must be at most "
          + "max-bytes (" + maxBytes + ")");
    }
  }

  static CdnSettings of(Map<String, String> properties) {
    return new CdnSettings(origin(properties.get("origin")), ModuleProperties.port(properties, "port", 8080),
        ModuleProperties.positiveLong(properties, "max-bytes", 16L << 20),
        ModuleProperties.positiveInt(properties, "max-object-bytes", 1 << 20),
        Duration.ofSeconds(ModuleProperties.positiveLong(properties, "ttl", 60)),
        ModuleProperties.positiveInt(properties, "max-connections", 8),
        Duration.ofMillis(ModuleProperties.positiveLong(properties, "request-timeout-ms", 5000)),
        Duration.ofMillis(ModuleProperties.positiveLong(properties, "origin-timeout-ms", 5000)));
  }

  /** The origin, checked: plain http, a host, no user, query or fragment; its path (the prefix) without a final /. */
  static URI origin(String text) {
    if (text == null) {
      throw new IllegalArgumentException("property origin is required (http://HOST[:PORT][/PREFIX])");
    }
    try {
      URI uri = new URI(text.trim());
      boolean plain = "http".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
      if (plain) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new URI("http", null, uri.getHost(), uri.getPort(), path.isEmpty() ? null : path, null, null);
      }
    } catch (URISyntaxException e) {
      // the message below says what is wanted
    }
    throw new IllegalArgumentException("property origin must be http://HOST[:PORT][/PREFIX], was '" + text + "'");
  }
}
