package org.netservof.rest.server;

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
   */
  public record Operator(String name, @JsonProperty("token-file") Path tokenFile) {
    public Operator {
      Objects.requireNonNull(name, "rest-tokens: name");
      Objects.requireNonNull(tokenFile, "rest-tokens: token-file");
      if (!Names.isName(name)) {
        throw new IllegalArgumentException("rest-tokens: operator name '" + name
            + "' must be 1-64 letters, digits, '.', '_' or '-'");
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
