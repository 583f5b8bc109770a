package org.netservof.controller.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One controller's client to an etcd cluster, shared by everything that talks to etcd (the stores, the
 * mastership elections, the member list), with the namespace its keys live under.
 */
public final class EtcdConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EtcdConnection.class);
  private final EtcdSettings settings;
  private final Client client;

  private EtcdConnection(EtcdSettings settings, Client client) {
    this.settings = settings;
    this.client = client;
  }

  /**
   * Connects and checks that some member answers within the timeout, so a wrong endpoint refuses the start
   * with a clear message instead of failing the first write.
   *
   * @throws IOException naming the endpoints when no member answers, or the TLS files cannot be read
   */
  public static EtcdConnection open(EtcdSettings settings) throws IOException {
    ClientBuilder builder = Client.builder()
        .endpoints(settings.endpoints().stream().map(URI::toString).toArray(String[]::new))
        .connectTimeout(settings.timeout())
        .interceptor(new EtcdRequestDeadline(EtcdRequestDeadline.attempt(settings.timeout())));
    if (settings.user().isPresent()) {
      builder.user(bytes(settings.user().get())).password(bytes(settings.password().orElseThrow()));
    }
    if (settings.tls().isPresent()) {
      builder.sslContext(sslContext(settings.tls().get()));
    }
    Client client = builder.build();
    EtcdConnection connection = new EtcdConnection(settings, client);
    try {
      client.getClusterClient().listMember().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      client.close();
      throw new IOException("no etcd member answered at " + settings.endpoints() + " within " + settings.timeout()
          + ": " + (e.getCause() == null ? e : e.getCause()).getMessage() + "; check store-endpoints and that "
          + "etcd runs", e);
    } catch (InterruptedException e) {
      client.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to etcd", e);
    }
    log.info("etcd: connected to {} (namespace {})", settings.endpoints(), settings.namespace());
    return connection;
  }

  private static SslContext sslContext(EtcdSettings.Tls tls) throws IOException {
    SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(tls.ca().toFile());
    if (tls.certificate().isPresent()) {
      builder.keyManager(tls.certificate().get().toFile(), tls.key().orElseThrow().toFile());
    }
    return builder.build();
  }

  public EtcdSettings settings() {
    return settings;
  }

  public Client client() {
    return client;
  }

  /** The key {@code path} under this cluster's namespace ({@code /netserv/} + path). */
  public ByteSequence key(String path) {
    return bytes(settings.namespace() + path);
  }

  public static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    client.close();
  }
}
