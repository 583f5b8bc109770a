package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.node.container.ModuleLoader;
import org.netservof.protocol.url.GuardedHttp;
import org.netservof.protocol.url.UrlPolicy;

/**
 * A module URL is someone else's input: the fetcher must not be turned into a scanner (reaching the node's own
 * loopback, link-local or private networks, directly or through a redirect), an oracle (telling the requester
 * what status or digest it met), or a way to tie up the node (a body too large, or dribbled too slowly).
 */
class ModuleFetcherTest {
  static final byte[] JAR = "not really a jar, but bytes with a digest".getBytes(StandardCharsets.UTF_8);
  static final GuardedHttp.Limits LIMITS = new GuardedHttp.Limits(Duration.ofSeconds(5), Duration.ofSeconds(60),
      64L << 20);
  @TempDir
  Path dir;
  private HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger secretHits = new AtomicInteger();
  private String base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers); // the slow answer must not hold up the others
    server.createContext("/module.jar", exchange -> {
      hits.incrementAndGet();
      answer(exchange, 200, JAR);
    });
    server.createContext("/elsewhere", exchange -> {
      exchange.getResponseHeaders().add("Location", base + "/secret");
      answer(exchange, 302, new byte[0]);
    });
    server.createContext("/secret", exchange -> {
      secretHits.incrementAndGet();
      answer(exchange, 200, JAR);
    });
    server.createContext("/missing", exchange -> answer(exchange, 404, new byte[0]));
    server.createContext("/slow.jar", ModuleFetcherTest::dribble);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    handlers.shutdownNow();
  }

  static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Promises a megabyte and sends a byte every 100 ms, for as long as the client listens (up to 10 minutes). */
  static void dribble(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 1 << 20);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int i = 0; i < 6000; i++) {
        out.write('x');
        out.flush();
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A fetcher for URLs under this server only (what a lab lists in --module-repositories). */
  private ModuleFetcher listed(GuardedHttp.Limits limits) {
    return new ModuleFetcher(dir, new GuardedHttp(new UrlPolicy("module-repositories", List.of(base + "/")), limits));
  }

  private ModuleFetcher publicOnly() {
    return new ModuleFetcher(dir, new GuardedHttp(UrlPolicy.publicOnly("module-repositories"), LIMITS));
  }

  @Test
  void aJarWithItsDigestIsFetchedAndCached() throws Exception {
    Path jar = listed(LIMITS).fetch(base + "/module.jar", ModuleLoader.sha256(JAR));
    assertThat(jar).hasBinaryContent(JAR);
  }

  @Test
  void aRedirectIsNotFollowed() {
    assertThatThrownBy(() -> listed(LIMITS).fetch(base + "/elsewhere", ModuleLoader.sha256(JAR)))
        .hasMessage(ModuleFetcher.NOT_FETCHED);
    assertThat(secretHits).as("the redirect's target was not asked").hasValue(0);
  }

  @Test
  void theRequesterLearnsNeitherTheStatusNorTheDigestItMet() {
    ModuleFetcher fetcher = listed(LIMITS);
    assertThatThrownBy(() -> fetcher.fetch(base + "/missing", ModuleLoader.sha256(JAR)))
        .hasMessage(ModuleFetcher.NOT_FETCHED);
    assertThatThrownBy(() -> fetcher.fetch(base + "/module.jar", "ab".repeat(32)))
        .hasMessage(ModuleFetcher.NOT_FETCHED).hasMessageNotContaining(ModuleLoader.sha256(JAR));
  }

  @Test
  void withoutAnAllowListLoopbackLinkLocalAndPrivateDestinationsAreRefusedWithOneMessage() {
    ModuleFetcher fetcher = publicOnly();
    int port = server.getAddress().getPort();
    for (String url : List.of(base + "/module.jar", "http://localhost:" + port + "/module.jar",
        "http://[::ffff:127.0.0.1]:" + port + "/module.jar", "http://2130706433:" + port + "/module.jar",
        "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/m.jar", "http://192.168.1.1/m.jar",
        "http://172.16.0.1/m.jar", "http://[fd00::1]/m.jar", "http://[fe80::1]/m.jar", "http://0.0.0.0:" + port
            + "/module.jar")) {
      assertThatThrownBy(() -> fetcher.fetch(url, ModuleLoader.sha256(JAR))).as(url)
          .hasMessage(ModuleFetcher.NOT_FETCHED);
    }
    assertThat(hits).as("nothing reached the node's loopback server").hasValue(0);
  }

  @Test
  void aRedirectToLoopbackFromAListedServerIsNotFollowedEither() {
    assertThatThrownBy(() -> listed(LIMITS).fetch(base + "/elsewhere", ModuleLoader.sha256(JAR)))
        .hasMessage(ModuleFetcher.NOT_FETCHED);
    assertThatThrownBy(() -> listed(LIMITS).fetch("http://localhost:" + server.getAddress().getPort()
        + "/module.jar", ModuleLoader.sha256(JAR))).as("another name for the same server is not listed")
        .hasMessage(ModuleFetcher.NOT_FETCHED);
    assertThat(secretHits).hasValue(0);
    assertThat(hits).hasValue(0);
  }

  @Test
  void aBodyDribbledSlowerThanTheDeadlineIsGivenUpOn() {
    ModuleFetcher fetcher = listed(new GuardedHttp.Limits(Duration.ofSeconds(5), Duration.ofSeconds(1), 64L << 20));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(
        () -> fetcher.fetch(base + "/slow.jar", ModuleLoader.sha256(JAR))).hasMessage(ModuleFetcher.NOT_FETCHED));
  }

  @Test
  void aBodyLargerThanTheCapIsRefused() {
    ModuleFetcher fetcher = listed(new GuardedHttp.Limits(Duration.ofSeconds(5), Duration.ofSeconds(60), 16));
    assertThatThrownBy(() -> fetcher.fetch(base + "/module.jar", ModuleLoader.sha256(JAR)))
        .hasMessage(ModuleFetcher.NOT_FETCHED);
  }
}
