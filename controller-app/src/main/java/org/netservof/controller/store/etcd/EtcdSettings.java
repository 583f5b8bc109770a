package org.netservof.controller.store.etcd;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an etcd cluster.
 *
 * @param endpoints the members' client URLs ({@code http://host:2379}, or {@code https://...} with TLS); the
 *     client spreads its calls over them and moves on when one dies
 * @param user a user for etcd's authentication, with {@code password}; empty when etcd has none enabled
 * @param tls the CA, certificate and key files for TLS (client certificate optional); empty for plain http
 * @param namespace the key prefix every NetServ key lives under, so several NetServ clusters (or other
 *     programs) can share one etcd; ends with "/"
 * @param timeout an etcd call not answered by then fails; the caller sees the store as unavailable
 */
public record EtcdSettings(List<URI> endpoints, Optional<String> user, Optional<String> password,
    Optional<Tls> tls, String namespace, Duration timeout) {

  /**
   * TLS files for the etcd client.
   *
   * @param ca the CA that signed the etcd members' certificates
   * @param certificate this controller's certificate, when etcd asks clients for one ({@code --client-cert-auth})
   * @param key the certificate's private key (PKCS#8 PEM)
   */
  public record Tls(Path ca, Optional<Path> certificate, Optional<Path> key) {
    public Tls {
      Objects.requireNonNull(ca, "ca");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(key, "key");
      if (certificate.isPresent() != key.isPresent()) {
        throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
      }
    }
  }

  public EtcdSettings {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(timeout, "timeout");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("etcd needs at least one endpoint (http://host:2379)");
    }
    for (URI endpoint : endpoints) {
      if (!List.of("http", "https").contains(String.valueOf(endpoint.getScheme())) || endpoint.getHost() == null) {
        throw new IllegalArgumentException("etcd endpoint '" + endpoint + "' is not an http:// or https:// URL "
            + "with a host");
      }
    }
    if (user.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("etcd's user and password go together: give both or neither");
    }
    if (!namespace.startsWith("/") || !namespace.endsWith("/")) {
      throw new IllegalArgumentException("etcd namespace '" + namespace + "' must start and end with '/'");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("etcd timeout must be positive, was " + timeout);
    }
  }

  /** Plain http endpoints, no authentication, the default namespace and a 5 s timeout (tests, one lab). */
  public static EtcdSettings plain(List<URI> endpoints) {
    return new EtcdSettings(endpoints, Optional.empty(), Optional.empty(), Optional.empty(), "/netserv/",
        Duration.ofSeconds(5));
  }
}
