package org.netservof.controller.channel;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** The TLS side of the OpenFlow listener: the server context that demands a switch certificate from the CA. */
final class SwitchTls {
  private SwitchTls() {}

  /**
   * The server context for {@code tls}: the controller's key and certificate, client certificates required and
   * checked against {@code tls.ca()}, TLS 1.2 or 1.3 (what Open vSwitch offers).
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static SslContext serverContext(OpenFlowTls tls) {
    File key = readable("key", tls.key());
    File cert = readable("cert", tls.cert());
    File ca = readable("ca", tls.ca());
    try {
      return SslContextBuilder.forServer(cert, key)
          .trustManager(ca)
          .clientAuth(ClientAuth.REQUIRE)
          .protocols("TLSv1.3", "TLSv1.2")
          .sslProvider(SslProvider.JDK)
          .build();
    } catch (Exception e) {
      throw new IllegalArgumentException("openflow-tls: cannot use key " + key + ", cert " + cert + " and ca " + ca
          + ": " + e.getMessage() + " (PEM files; the key unencrypted PKCS#8, as ./netserv ca writes it: convert "
          + "another with 'openssl pkcs8 -topk8 -nocrypt')", e);
    }
  }

  private static File readable(String field, String path) {
    Path p = Path.of(path);
    if (!Files.isReadable(p) || Files.isDirectory(p)) {
      throw new IllegalArgumentException("openflow-tls." + field + ": cannot read the file " + p.toAbsolutePath());
    }
    return p.toFile();
  }
}
