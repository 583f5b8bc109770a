package org.netservof.modules.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.modules.testing.LoopbackContext;

/** ActiveCDN's threads over a real TCP socket on 127.0.0.1, a real origin and real (and hostile) clients. */
class ActiveCdnLoopbackTest {
  private final int port = LoopbackContext.freePorts("tcp", 1).get(0);
  private final ActiveCdn cdn = new ActiveCdn();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final TestOrigin origin;

  ActiveCdnLoopbackTest() throws IOException {
    origin = new TestOrigin();
  }

  @AfterEach
  void stop() {
    cdn.stop();
    origin.close();
  }

  private void start(String... extra) throws IOException {
    Map<String, String> properties = new HashMap<>(Map.of("origin", origin.url(), "port", String.valueOf(port),
        "max-object-bytes", String.valueOf(TestOrigin.BIG / 2), "origin-timeout-ms", "1000",
        "request-timeout-ms", "700", "max-connections", "2"));
    for (int i = 0; i < extra.length; i += 2) {
      properties.put(extra[i], extra[i + 1]);
    }
    cdn.start(new LoopbackContext(properties, Set.of("tcp:" + port, "connect:" + origin.address())));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theSecondRequestIsServedFromTheNodeWithoutReachingTheOrigin() throws Exception {
    start();
    HttpResponse<String> first = get("/obj1.ts");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("body of /content/obj1.ts");
    assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(first.headers().firstValue("Content-Type")).contains("video/mp2t");
    HttpResponse<String> second = get("/obj1.ts");
    assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(origin.requests("/content/obj1.ts")).isEqualTo(1);
    assertThat(cdn.report()).containsEntry("hits", 1L).containsEntry("misses", 1L).containsEntry("cached-objects", 1);
  }

  @Test
  void anObjectIsFetchedAgainOnceItsTtlIsOver() throws Exception {
    start("ttl", "1");
    get("/obj2.ts");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String cache = "HIT";
    while (cache.equals("HIT") && System.nanoTime() < deadline) {
      HttpResponse<String> r = get("/obj2.ts");
      cache = r.headers().firstValue("X-Cache").orElseThrow(() -> new AssertionError(r.statusCode() + " "
          + r.body()));
    }
    assertThat(cache).isEqualTo("MISS");
    assertThat(origin.requests("/content/obj2.ts")).isEqualTo(2);
  }

  @Test
  void originFailuresAreAnsweredAndNotCached() throws Exception {
    start();
    assertThat(get("/missing").statusCode()).isEqualTo(404);
    assertThat(get("/big").statusCode()).as("over max-object-bytes").isEqualTo(502);
    assertThat(get("/big").statusCode()).isEqualTo(502);
    assertThat(origin.requests("/content/big")).as("not cached").isEqualTo(2);
    assertThat(get("/moved").statusCode()).as("a redirect is not followed").isEqualTo(502);
    assertThat(origin.requests("/elsewhere")).isZero();
    assertThat(get("/slow").statusCode()).as("over origin-timeout-ms").isEqualTo(504);
    assertThat(cdn.report()).containsEntry("cached-objects", 0).containsEntry("origin-errors", 5L);
  }

  @Test
  void anOriginOutsideTheConnectGrantIsA502NamingTheRefusalAndIsNeverReached() throws Exception {
    cdn.start(new LoopbackContext(Map.of("origin", origin.url(), "port", String.valueOf(port)),
        Set.of("tcp:" + port)));
    HttpResponse<String> refused = get("/obj3.ts");
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(refused.body()).contains("cannot connect to the origin: may not connect to " + origin.address());
    assertThat(origin.total()).isZero();
  }

  @Test
  void anOriginNamedByHostNameIsA502ForANodeHasNoResolver() throws Exception {
    cdn.start(new LoopbackContext(Map.of("origin", "http://localhost:" + origin.address().split(":")[1],
        "port", String.valueOf(port)), Set.of("tcp:" + port, "connect:" + origin.address())));
    assertThat(get("/obj4.ts").body()).contains("must be an IPv4 address");
    assertThat(origin.total()).isZero();
  }

  @Test
  void hostileRequestsAreRefusedAndNeverReachTheOrigin() throws Exception {
    start();
    assertThat(raw("GET /../secret HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(raw("GET /a/%2e%2e/%2e%2e/secret HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(raw("GET http://evil.example/obj HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
    assertThat(raw("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414 ");
    assertThat(raw("GET /obj HTTP/1.1\r\n" + "X-Pad: y\r\n".repeat(2000) + "\r\n")).startsWith("HTTP/1.1 431 ");
    assertThat(raw("POST /obj HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")).startsWith("HTTP/1.1 405 ");
    assertThat(raw("GET /obj HTTP/1.1\r\n\r\n")).as("no Host").startsWith("HTTP/1.1 400 ");
    assertThat(raw("\u0000\u0001garbage\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(origin.total()).isZero();
    assertThat(get("/obj3").statusCode()).as("still serving").isEqualTo(200);
  }

  @Test
  void slowClientsAreCutOffAndTooManyAreTurnedAwayWhileOthersAreServed() throws Exception {
    start();
    try (Socket slow1 = new Socket("127.0.0.1", port); Socket slow2 = new Socket("127.0.0.1", port)) {
      slow1.getOutputStream().write("GET /obj4 HTTP/1.1\r\nHo".getBytes(StandardCharsets.ISO_8859_1));
      slow2.getOutputStream().write("GE".getBytes(StandardCharsets.ISO_8859_1));
      waitForWorkersBusy();
      assertThat(raw("GET /obj4 HTTP/1.1\r\nHost: x\r\n\r\n")).as("both workers held").startsWith("HTTP/1.1 503 ");
      slow1.setSoTimeout(10_000);
      assertThat(slow1.getInputStream().read()).as("cut off at request-timeout-ms").isEqualTo(-1);
      slow2.setSoTimeout(10_000);
      assertThat(slow2.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(get("/obj4").statusCode()).isEqualTo(200);
    assertThat(cdn.report()).containsEntry("refused-connections", 1L).containsEntry("timed-out-connections", 2L);
  }

  @Test
  void aPortOutsideTheGrantFailsTheStartNamingIt() {
    assertThatThrownBy(() -> cdn.start(new LoopbackContext(Map.of("origin", origin.url(), "port",
        String.valueOf(port)), Set.of("tcp:1")))).isInstanceOf(IOException.class)
        .hasMessageContaining("property port: cannot listen on tcp:" + port);
  }

  /** Until both workers hold a connection. */
  private void waitForWorkersBusy() {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!Integer.valueOf(2).equals(cdn.report().get("active-connections")) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(cdn.report()).containsEntry("active-connections", 2);
  }

  /** Sends {@code request} on a new connection and answers what comes back until the server closes it. */
  private String raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketException e) {
      return "reset: " + e.getMessage();
    }
  }
}
