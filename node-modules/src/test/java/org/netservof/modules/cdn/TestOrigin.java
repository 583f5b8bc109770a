package org.netservof.modules.cdn;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.netservof.modules.testing.LoopbackContext;

/**
 * A provider's origin on 127.0.0.1 (the JDK's HTTP server): {@code /content/NAME} answers NAME's bytes,
 * {@code /content/big} more than the tests' object bound, {@code /content/moved} a redirect, {@code
 * /content/slow} only after 3 s, anything else 404. It counts the requests for each path.
 */
final class TestOrigin implements AutoCloseable {
  static final int BIG = 64 * 1024;

  private final HttpServer server;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  TestOrigin() throws IOException {
    server = HttpServer.create(new InetSocketAddress(LoopbackContext.LOOPBACK, 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/content";
  }

  /** The origin's {@code ADDRESS:PORT}, as a connect grant names it. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  int requests(String path) {
    return requests.getOrDefault(path, new AtomicInteger()).get();
  }

  int total() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    try (exchange) {
      switch (path) {
        case "/content/big" -> answer(exchange, 200, new byte[BIG]);
        case "/content/moved" -> {
          exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
          answer(exchange, 302, new byte[0]);
        }
        case "/content/slow" -> {
          sleep();
          answer(exchange, 200, "slow".getBytes());
        }
        default -> answer(exchange, path.startsWith("/content/obj") ? 200 : 404, ("body of " + path).getBytes());
      }
    }
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "video/mp2t");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }

  private static void sleep() {
    try {
      Thread.sleep(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
