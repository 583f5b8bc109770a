package org.netservof.protocol.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client connects to the address it checked: names are given addresses by a resolver of the test's own,
 * so a connection that reaches the local server proves no second lookup happened.
 */
class GuardedHttpTest {
  private static final GuardedHttp.Limits LIMITS = new GuardedHttp.Limits(Duration.ofSeconds(5),
      Duration.ofSeconds(30), 1 << 20);
  private HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();
  private int port;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      hits.incrementAndGet();
      byte[] body = ("seen Host " + exchange.getRequestHeaders().getFirst("Host") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/chunked", exchange -> {
      exchange.sendResponseHeaders(200, 0); // no length: chunks
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 3; i++) {
          out.write(("part " + i + ";").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static GuardedHttp.Resolver names(Map<String, String> table) {
    return host -> {
      String a = table.get(host);
      if (a == null) {
        throw new UnknownHostException(host);
      }
      InetAddress[] out = java.util.Arrays.stream(a.split(",")).map(GuardedHttpTest::literal)
          .toArray(InetAddress[]::new);
      return out;
    };
  }

  private static InetAddress literal(String a) {
    try {
      return InetAddress.getByName(a);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aListedNameIsFetchedFromTheAddressItResolvedTo() throws Exception {
    GuardedHttp http = new GuardedHttp(new UrlPolicy("module-repositories",
        List.of("http://modules.lab.invalid:" + port + "/")), LIMITS,
        names(Map.of("modules.lab.invalid", "127.0.0.1")));
    assertThat(new String(http.get("http://modules.lab.invalid:" + port + "/m.jar"), StandardCharsets.UTF_8))
        .isEqualTo("seen Host modules.lab.invalid:" + port + " ");
  }

  @Test
  void aNameWithAnySpecialAddressIsRefusedBeforeAnyConnection() {
    GuardedHttp http = new GuardedHttp(UrlPolicy.publicOnly("module-repositories"), LIMITS, names(Map.of(
        "inside.example", "192.168.7.7", "meta.example", "169.254.169.254", "ula.example", "fd00::5",
        "both.example", "8.8.8.8,127.0.0.1")));
    assertThatThrownBy(() -> http.get("http://inside.example/m.jar")).hasMessageContaining("private");
    assertThatThrownBy(() -> http.get("http://meta.example/m.jar")).hasMessageContaining("link-local");
    assertThatThrownBy(() -> http.get("http://ula.example/m.jar")).hasMessageContaining("unique local");
    assertThatThrownBy(() -> http.get("http://both.example:" + port + "/m.jar")).hasMessageContaining("loopback");
    assertThat(hits).hasValue(0);
  }

  @Test
  void aChunkedAnswerIsReadWholeAndHeldToTheCap() throws Exception {
    UrlPolicy lab = new UrlPolicy("module-repositories", List.of("http://127.0.0.1:" + port + "/"));
    String url = "http://127.0.0.1:" + port + "/chunked";
    assertThat(new String(new GuardedHttp(lab, LIMITS).get(url), StandardCharsets.UTF_8))
        .isEqualTo("part 0;part 1;part 2;");
    assertThatThrownBy(() -> new GuardedHttp(lab, new GuardedHttp.Limits(Duration.ofSeconds(5),
        Duration.ofSeconds(30), 10)).get(url)).hasMessageContaining("more than the 10 bytes allowed");
  }

  @Test
  void aPostCarriesItsBodyAndGetsTheStatus() throws Exception {
    GuardedHttp http = new GuardedHttp(new UrlPolicy("notification-urls", List.of("http://127.0.0.1:" + port
        + "/RPC2")), LIMITS);
    GuardedHttp.Response r = http.post("http://127.0.0.1:" + port + "/RPC2", "text/xml",
        "<call/>".getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).endsWith("<call/>");
  }
}
