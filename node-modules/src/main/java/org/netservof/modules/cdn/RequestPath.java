package org.netservof.modules.cdn;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.netservof.modules.common.ClientError;

/**
 * The path (and query) a request asks for, checked before it is looked up or sent to the origin: an
 * origin-form target ({@code /a/b?q}), or an absolute-form one ({@code http://HOST/a/b}) only when it names
 * the host the request was sent to (its Host header), since this is no proxy to other hosts. Refused with 400:
 * anything else, characters outside RFC 3986's, a backslash, an encoded slash, backslash, dot or control
 * character, and {@code .} or {@code ..} segments, so a request cannot leave the origin's prefix.
 *
 * @param value the path and query as sent on to the origin, also the cache key
 */
record RequestPath(String value) {
  private static final String ALLOWED = "[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*";

  static RequestPath of(String target, String host) throws ClientError {
    String pathAndQuery = target.startsWith("/") ? target : fromAbsolute(target, host);
    int query = pathAndQuery.indexOf('?');
    String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    if (!pathAndQuery.matches(ALLOWED) || pathAndQuery.matches(".*%(?![0-9A-Fa-f]{2}).*")) {
      throw new ClientError(400, "characters a path may not hold, or a stray %");
    }
    if (path.toLowerCase(Locale.ROOT).matches(".*%(2f|5c|2e|[01][0-9a-f]|7f).*")) {
      throw new ClientError(400, "an encoded slash, backslash, dot or control character in the path");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new ClientError(400, "a . or .. segment");
      }
    }
    return new RequestPath(pathAndQuery);
  }

  private static String fromAbsolute(String target, String host) throws ClientError {
    try {
      URI uri = new URI(target);
      String authority = uri.getRawAuthority();
      if (!"http".equalsIgnoreCase(uri.getScheme()) || authority == null || host == null
          || !authority.equalsIgnoreCase(host)) {
        throw new ClientError(400, "an absolute URI to another host: this server is no proxy");
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    } catch (URISyntaxException e) {
      throw new ClientError(400, "a malformed request target");
    }
  }

  /** The URI of this path at {@code origin} (whose path, if any, is a prefix); on the origin's host always. */
  URI at(URI origin) {
    URI uri = URI.create(origin.toString() + value);
    if (!origin.getHost().equals(uri.getHost()) || origin.getPort() != uri.getPort()) {
      throw new IllegalStateException("a checked path left the origin: " + uri); // RequestPath.of prevents it
    }
    return uri;
  }
}
