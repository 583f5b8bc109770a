package org.netservof.rest.server;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.netservof.protocol.Names;

/** The REST server's settings, read from the controller's configuration (see {@link RestModule}). */
public final class RestConfig {
  private RestConfig() {}

  /**
   * One operator allowed to write: a name for the audit log and the file holding the bearer token.
   *
   * @param name letters, digits, {@code . _ -}, at most 64
   * @param tokenFile one line, the token (at least 16 characters); read at start and on SIGHUP
   * @param scope read, write or admin (see {@link Scope}); {@code write} when left out, so raw flow entries,
   *     node removal and services beyond a user's grant need an operator named {@code admin} on purpose
   */
  public record Operator(String name, @JsonProperty("token-file") Path tokenFile, Scope scope) {
    private static final Set<String> FIELDS = Set.of("name", "token-file", "scope");

    public Operator {
      Objects.requireNonNull(name, "rest-tokens: name");
      Objects.requireNonNull(tokenFile, "rest-tokens: token-file");
      if (!Names.isName(name)) {
        throw new IllegalArgumentException("rest-tokens: operator name '" + name
            + "' must be 1-64 letters, digits, '.', '_' or '-'");
      }
      scope = scope == null ? Scope.WRITE : scope;
    }

    public Operator(String name, Path tokenFile) {
      this(name, tokenFile, null);
    }

    /**
     * Reads one entry of {@code rest-tokens}. Delegating, so that a left-out scope is the default rather than a
     * missing creator property (the configuration refuses those); unknown fields are refused here instead.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Operator read(Map<String, String> fields) {
      Set<String> unknown = new TreeSet<>(fields.keySet());
      unknown.removeAll(FIELDS);
      String name = fields.get("name");
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("rest-tokens: operator '" + name + "': unknown field " + unknown
            + " (known: name, token-file, scope)");
      }
      if (name == null || fields.get("token-file") == null) {
        throw new IllegalArgumentException("rest-tokens: each operator needs a name and a token-file");
      }
      String scope = fields.get("scope");
      try {
        return new Operator(name, Path.of(fields.get("token-file")), scope == null ? null : Scope.parse(scope));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().startsWith("rest-tokens") ? e.getMessage()
            : "rest-tokens: operator '" + name + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * HTTPS instead of HTTP, when a key store is named.
   *
   * @param keyStore a PKCS#12 key store holding the server's key and certificate; empty for plain HTTP
   * @param passwordFile one line, the key store's password
   */
  public record Tls(@JsonProperty("key-store") String keyStore, @JsonProperty("password-file") String passwordFile) {
    public static final Tls NONE = new Tls("", "");

    public Tls {
      keyStore = keyStore == null ? "" : keyStore;
      passwordFile = passwordFile == null ? "" : passwordFile;
      if (!keyStore.isEmpty() && passwordFile.isEmpty()) {
        throw new IllegalArgumentException("rest-tls: key-store " + keyStore + " needs a password-file");
      }
    }

    public boolean enabled() {
      return !keyStore.isEmpty();
    }
  }
}
