package org.netservof.controller.store.etcd;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.module.ModuleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store module's keys for {@code store: etcd}, and how it connects: the settings read and checked, the
 * connection refused at start with the operator's message when no member answers, the stores opened on it.
 */
public final class EtcdStoreConfig {
  private static final Logger log = LoggerFactory.getLogger(EtcdStoreConfig.class);

  public static final ConfigKey<List<String>> ENDPOINTS = new ConfigKey<>("store-endpoints",
      new TypeReference<>() {}, List.of("http://127.0.0.1:2379"), "With store: etcd, the etcd members' client "
          + "URLs (http://, or https:// with store-tls-ca); the controller spreads its requests over them and "
          + "moves on when one dies. List every member.");
  public static final ConfigKey<String> USER = new ConfigKey<>("store-user", new TypeReference<>() {}, "",
      "With store: etcd, the etcd user (etcd's authentication enabled), with store-password; empty for none.");
  public static final ConfigKey<String> PASSWORD = new ConfigKey<>("store-password", new TypeReference<>() {}, "",
      "The etcd user's password.");
  public static final ConfigKey<String> TLS_CA = new ConfigKey<>("store-tls-ca", new TypeReference<>() {}, "",
      "With store: etcd over TLS, the CA (PEM) that signed the etcd members' certificates; empty for plain "
          + "http.");
  public static final ConfigKey<String> TLS_CERT = new ConfigKey<>("store-tls-cert", new TypeReference<>() {},
      "", "The controller's client certificate (PEM), when etcd asks clients for one (--client-cert-auth); "
          + "with store-tls-key.");
  public static final ConfigKey<String> TLS_KEY = new ConfigKey<>("store-tls-key", new TypeReference<>() {}, "",
      "The client certificate's private key (PEM, PKCS#8).");
  public static final ConfigKey<String> NAMESPACE = new ConfigKey<>("store-namespace", new TypeReference<>() {},
      "/netserv/", "The etcd key prefix this controller cluster's keys live under (starts and ends with /); "
          + "controllers with the same namespace are one cluster, others share the etcd without seeing them.");
  public static final ConfigKey<Duration> TIMEOUT = new ConfigKey<>("store-timeout", new TypeReference<>() {},
      Duration.ofSeconds(5), "An etcd request not answered by then (no majority of members, all members "
          + "down) fails the change: the REST API answers 503 and nothing changes.");

  public static final List<ConfigKey<?>> KEYS = List.of(ENDPOINTS, USER, PASSWORD, TLS_CA, TLS_CERT, TLS_KEY,
      NAMESPACE, TIMEOUT);

  /** An open connection and the stores on it; closed together, the stores first. */
  public record EtcdStores(EtcdConnection connection, EtcdStoreService service) implements AutoCloseable {

    /**
     * Connects and reads the stores.
     *
     * @throws IOException naming the endpoints when no member answers or the stores cannot be read
     */
    public static EtcdStores open(EtcdSettings settings, Clock clock) throws IOException {
      EtcdConnection connection = EtcdConnection.open(settings);
      try {
        return new EtcdStores(connection, EtcdStoreService.open(connection, clock));
      } catch (RuntimeException e) {
        connection.close();
        throw new IOException("the stores could not be read from " + settings.endpoints() + ": "
            + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      service.close();
      connection.close();
    }
  }

  private EtcdStoreConfig() {}

  /** Connects with the configuration's settings and opens the stores. */
  public static EtcdStores open(ModuleContext context) throws ModuleException {
    EtcdSettings settings = settings(context);
    try {
      EtcdStores stores = EtcdStores.open(settings, context.clock());
      log.info("intent store: etcd at {} (namespace {}, timeout {})", settings.endpoints(), settings.namespace(),
          settings.timeout());
      return stores;
    } catch (IOException e) {
      throw new ModuleException("store: etcd: " + e.getMessage(), e);
    }
  }

  static EtcdSettings settings(ModuleContext context) throws ModuleException {
    try {
      return new EtcdSettings(context.config(ENDPOINTS).stream().map(EtcdStoreConfig::endpoint).toList(),
          text(context.config(USER)), text(context.config(PASSWORD)), tls(context), context.config(NAMESPACE),
          context.config(TIMEOUT));
    } catch (IllegalArgumentException e) {
      throw new ModuleException("store: etcd: " + e.getMessage() + " (store-endpoints, store-user, "
          + "store-password, store-tls-*, store-namespace, store-timeout)", e);
    }
  }

  private static URI endpoint(String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("etcd endpoint '" + text + "' is not an http:// or https:// URL with a "
          + "host (" + e.getReason() + ")", e);
    }
  }

  private static Optional<EtcdSettings.Tls> tls(ModuleContext context) {
    Optional<Path> cert = text(context.config(TLS_CERT)).map(Path::of);
    Optional<Path> key = text(context.config(TLS_KEY)).map(Path::of);
    Optional<Path> ca = text(context.config(TLS_CA)).map(Path::of);
    if (ca.isEmpty() && (cert.isPresent() || key.isPresent())) {
      throw new IllegalArgumentException("store-tls-cert and store-tls-key need store-tls-ca");
    }
    return ca.map(c -> new EtcdSettings.Tls(c, cert, key));
  }

  private static Optional<String> text(String value) {
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
