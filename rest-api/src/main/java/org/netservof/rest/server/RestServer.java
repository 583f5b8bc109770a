package org.netservof.rest.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.netservof.controller.api.HostPort;

/** The embedded HTTP(S) server the API runs on: Grizzly with Jersey, started and stopped by {@link RestModule}. */
final class RestServer implements AutoCloseable {
  private final HttpServer server;

  private RestServer(HttpServer server) {
    this.server = server;
  }

  static RestServer start(HostPort listen, RestConfig.Tls tls, ResourceConfig application) throws IOException {
    URI uri = URI.create((tls.enabled() ? "https" : "http") + "://" + listen.host() + ":" + listen.port() + "/");
    HttpServer server = tls.enabled()
        ? GrizzlyHttpServerFactory.createHttpServer(uri, application, true, sslConfigurator(tls), false)
        : GrizzlyHttpServerFactory.createHttpServer(uri, application, false);
    server.getListeners().forEach(l -> l.registerAddOn(new H2cUpgradeIgnored()));
    // Floodlight's DELETE /wm/staticentrypusher/json carries its entry's name in a body; Grizzly refuses a
    // DELETE body (400) unless told to accept it.
    server.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
    server.getServerConfiguration().addHttpHandler(new UiHandler(), UiHandler.PATH); // the web view's files
    try {
      server.start();
    } catch (IOException e) {
      server.shutdownNow();
      throw new IOException("cannot listen for REST on " + listen + ": " + e.getMessage(), e);
    }
    return new RestServer(server);
  }

  /** Where it listens (the real port when the configuration said port 0). */
  InetSocketAddress address() {
    NetworkListener listener = server.getListeners().iterator().next();
    return new InetSocketAddress(listener.getHost(), listener.getPort());
  }

  private static SSLEngineConfigurator sslConfigurator(RestConfig.Tls tls) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(tls.keyStore()))) {
      char[] password = Files.readString(Path.of(tls.passwordFile()), StandardCharsets.UTF_8).strip().toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return new SSLEngineConfigurator(context, false, false, false);
    } catch (GeneralSecurityException e) {
      throw new IOException("rest-tls: cannot use key store " + tls.keyStore() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
