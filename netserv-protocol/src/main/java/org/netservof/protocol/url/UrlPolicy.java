package org.netservof.protocol.url;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which URLs from requests may be fetched or called. With prefixes (an operator's allow-list), only URLs under
 * one of them, whatever address their host has: the operator vouched for those servers, loopback and private
 * ones included (that is how a lab serves modules from its own machine). Without, any http or https URL whose
 * host is a public address ({@link SpecialAddresses}), judged at the address actually connected to.
 *
 * @param setting the configuration that holds the prefixes, named in refusals (e.g. {@code module-repositories})
 * @param prefixes http or https URLs; a URL is under one when scheme, host and port are the same and its path
 *     continues the prefix's at a {@code /}
 */
public record UrlPolicy(String setting, List<String> prefixes) {
  /** Encoded dots, slashes and backslashes, which could climb out of a prefix once a server decodes them. */
  private static final Pattern ESCAPES = Pattern.compile("(?i)%(2e|2f|5c)");

  public UrlPolicy {
    Objects.requireNonNull(setting, "setting");
    prefixes = List.copyOf(prefixes);
    for (String p : prefixes) {
      URI uri = parse(p).orElseThrow(() -> new IllegalArgumentException(setting + ": '" + p + "' is not a URL"));
      Optional<String> bad = shapeProblem(uri).or(() -> uri.getRawQuery() != null || uri.getRawFragment() != null
          ? Optional.of("has a query or fragment") : Optional.empty());
      if (bad.isPresent()) {
        throw new IllegalArgumentException(setting + ": '" + p + "' " + bad.get()
            + "; write a prefix as http(s)://HOST[:PORT]/PATH/");
      }
    }
  }

  /** Without an allow-list: public addresses only. */
  public static UrlPolicy publicOnly(String setting) {
    return new UrlPolicy(setting, List.of());
  }

  /** Whether an operator listed where URLs may point. */
  public boolean listed() {
    return !prefixes.isEmpty();
  }

  /**
   * Why this URL is refused before any address is looked up (its shape, its prefix, a literal special
   * address); empty when it may be tried. The reason names the URL and what would allow it.
   */
  public Optional<String> refusal(String url) {
    Optional<URI> parsed = parse(url);
    if (parsed.isEmpty()) {
      return Optional.of("'" + url + "' is not a URL");
    }
    URI uri = parsed.get();
    Optional<String> bad = shapeProblem(uri);
    if (bad.isPresent()) {
      return Optional.of("'" + url + "' " + bad.get());
    }
    if (listed()) {
      return prefixes.stream().anyMatch(p -> under(uri, URI.create(p))) ? Optional.empty()
          : Optional.of("'" + url + "' is not under any of " + setting + " " + prefixes);
    }
    return literalAddress(uri.getHost()).flatMap(this::addressRefusal).map(why -> "'" + url + "' " + why);
  }

  /** Why connecting to this address (which the URL's host resolved to) is refused; empty when it may be. */
  public Optional<String> refusal(InetAddress address) {
    return listed() ? Optional.empty() : addressRefusal(address);
  }

  private Optional<String> addressRefusal(InetAddress address) {
    return SpecialAddresses.kind(address).map(kind -> "points at " + address.getHostAddress() + ", a " + kind
        + " address; only URLs under " + setting + " may, and it lists none");
  }

  private static boolean under(URI url, URI prefix) {
    String path = prefix.getRawPath().isEmpty() ? "/" : prefix.getRawPath();
    String urlPath = url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    boolean pathUnder = urlPath.equals(path) || urlPath.startsWith(path.endsWith("/") ? path : path + "/");
    return url.getScheme().equalsIgnoreCase(prefix.getScheme()) && url.getHost().equalsIgnoreCase(prefix.getHost())
        && port(url) == port(prefix) && pathUnder;
  }

  /** What is wrong with a URL's shape for fetching: scheme, host, user info, a path that climbs. */
  private static Optional<String> shapeProblem(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return Optional.of("is not an http or https URL with a host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("carries user information");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (ESCAPES.matcher(path).find() || path.contains("\\") || !uri.normalize().getRawPath().equals(path)
        || path.startsWith("/..")) {
      return Optional.of("has a path with '.' or '..' segments or encoded separators");
    }
    return Optional.empty();
  }

  static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Optional<URI> parse(String url) {
    try {
      return Optional.of(new URI(url));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** The host as an address when it is written as one (so nothing is looked up); empty for a name. */
  private static Optional<InetAddress> literalAddress(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(h)); // a literal: parsed, never resolved
    } catch (java.net.UnknownHostException e) {
      return Optional.empty();
    }
  }
}
