package org.netservof.rest.server;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Objects;
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

    @JsonCreator
    static Operator read(@JsonProperty("name") String name, @JsonProperty("token-file") Path tokenFile,
        @JsonProperty("scope") String scope) {
      try {
        return new Operator(name, tokenFile, scope == null ? null : Scope.parse(scope));
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
