package org.netservof.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the API is and which token to send, from the command line or else the environment, so that a shell
 * profile can set {@code NETSERV_URL} and {@code NETSERV_TOKEN_FILE} once and a flag still overrides them for
 * one command.
 *
 * <p>Order, first found wins: {@code --token}, {@code --token-file}, {@code NETSERV_TOKEN},
 * {@code NETSERV_TOKEN_FILE}; {@code --url}, {@code NETSERV_URL}, {@value #DEFAULT_URL}. No token at all is
 * allowed: reads may be open, and a write then gets the server's 401.
 *
 * @param base the API's address without a trailing slash ({@code http://127.0.0.1:8080})
 * @param token the operator's bearer token, if one was given
 */
record ClientSettings(URI base, Optional<String> token) {
  static final String DEFAULT_URL = "http://127.0.0.1:8080";
  static final String ENV_URL = "NETSERV_URL";
  static final String ENV_TOKEN = "NETSERV_TOKEN";
  static final String ENV_TOKEN_FILE = "NETSERV_TOKEN_FILE";

  ClientSettings {
    java.util.Objects.requireNonNull(base, "base");
    java.util.Objects.requireNonNull(token, "token");
  }

  /**
   * Resolves the settings.
   *
   * @param url {@code --url}, or null
   * @param token {@code --token}, or null
   * @param tokenFile {@code --token-file}, or null
   * @param env the environment (injected: tests supply a map, {@code main} supplies {@link System#getenv})
   * @throws CtlException with {@link CtlException#USAGE} for a bad URL, an unreadable or empty token file, or
   *     both token flags at once
   */
  static ClientSettings resolve(String url, String token, Path tokenFile, Function<String, String> env) {
    if (token != null && tokenFile != null) {
      throw new CtlException(CtlException.USAGE, "give --token or --token-file, not both");
    }
    String address = firstSet(url, env.apply(ENV_URL), DEFAULT_URL);
    Optional<String> bearer;
    if (token != null) {
      bearer = Optional.of(checkToken(token, "--token"));
    } else if (tokenFile != null) {
      bearer = Optional.of(readToken(tokenFile, "--token-file"));
    } else if (isSet(env.apply(ENV_TOKEN))) {
      bearer = Optional.of(checkToken(env.apply(ENV_TOKEN), ENV_TOKEN));
    } else if (isSet(env.apply(ENV_TOKEN_FILE))) {
      bearer = Optional.of(readToken(Path.of(env.apply(ENV_TOKEN_FILE)), ENV_TOKEN_FILE));
    } else {
      bearer = Optional.empty();
    }
    return new ClientSettings(parseUrl(address), bearer);
  }

  static URI parseUrl(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new CtlException(CtlException.USAGE, "the API URL '" + text + "' is not a URL: " + e.getReason());
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null) {
      throw new CtlException(CtlException.USAGE,
          "the API URL '" + text + "' must be http://HOST[:PORT] or https://HOST[:PORT]");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new CtlException(CtlException.USAGE, "the API URL '" + text + "' must not have a query or fragment");
    }
    // Paths are appended to it ("/wm/..."): one trailing slash would make "//wm/...", which servers refuse.
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s);
  }

  private static String readToken(Path file, String source) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CtlException(CtlException.USAGE, "cannot read the token file " + file + " (" + source + "): "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    return checkToken(text, source + " " + file);
  }

  /** Files end with a newline, and a header value must not hold one: the token is the text without them. */
  private static String checkToken(String text, String source) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new CtlException(CtlException.USAGE, "the token from " + source + " is empty");
    }
    if (t.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new CtlException(CtlException.USAGE,
          "the token from " + source + " holds spaces or control characters; a bearer token cannot");
    }
    return t;
  }

  private static boolean isSet(String s) {
    return s != null && !s.isBlank();
  }

  private static String firstSet(String... values) {
    for (String v : values) {
      if (isSet(v)) {
        return v;
      }
    }
    throw new IllegalStateException("no default");
  }
}
