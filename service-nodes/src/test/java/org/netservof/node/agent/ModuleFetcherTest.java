package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.node.container.ModuleLoader;

/**
 * A module URL is someone else's input: the fetcher must not be turned into a scanner (following redirects to
 * wherever they point) or an oracle (telling the requester what status or digest it met).
 */
class ModuleFetcherTest {
  private static final byte[] JAR = "not really a jar, but bytes with a digest".getBytes(StandardCharsets.UTF_8);
  @TempDir
  Path dir;
  private HttpServer server;
  private final AtomicInteger secretHits = new AtomicInteger();
  private String base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/module.jar", exchange -> answer(exchange, 200, JAR));
    server.createContext("/elsewhere", exchange -> {
      exchange.getResponseHeaders().add("Location", base + "/secret");
      answer(exchange, 302, new byte[0]);
    });
    server.createContext("/secret", exchange -> {
      secretHits.incrementAndGet();
      answer(exchange, 200, JAR);
    });
    server.createContext("/missing", exchange -> answer(exchange, 404, new byte[0]));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body)
      throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void aJarWithItsDigestIsFetchedAndCached() throws Exception {
    ModuleFetcher fetcher = new ModuleFetcher(dir);
    Path jar = fetcher.fetch(base + "/module.jar", ModuleLoader.sha256(JAR));
    assertThat(jar).hasBinaryContent(JAR);
  }

  @Test
  void aRedirectIsNotFollowed() {
    ModuleFetcher fetcher = new ModuleFetcher(dir);
    assertThatThrownBy(() -> fetcher.fetch(base + "/elsewhere", ModuleLoader.sha256(JAR)))
        .hasMessage(ModuleFetcher.NOT_FETCHED);
    assertThat(secretHits).as("the redirect's target was not asked").hasValue(0);
  }

  @Test
  void theRequesterLearnsNeitherTheStatusNorTheDigestItMet() {
    ModuleFetcher fetcher = new ModuleFetcher(dir);
    assertThatThrownBy(() -> fetcher.fetch(base + "/missing", ModuleLoader.sha256(JAR)))
        .hasMessage(ModuleFetcher.NOT_FETCHED);
    assertThatThrownBy(() -> fetcher.fetch(base + "/module.jar", "ab".repeat(32)))
        .hasMessage(ModuleFetcher.NOT_FETCHED).hasMessageNotContaining(ModuleLoader.sha256(JAR));
  }
}
