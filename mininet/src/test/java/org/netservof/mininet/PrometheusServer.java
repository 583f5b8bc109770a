package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;

/**
 * A real Prometheus server (Debian's {@code prometheus}) run by a test as its own process: on loopback, a free port,
 * its database in the test's directory, scraping one target's {@code /metrics} every second. Stopped by its PID.
 */
final class PrometheusServer implements AutoCloseable {
  static final String JOB = "netserv";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, int port) {
    this.process = process;
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * Starts Prometheus scraping {@code target} (host:port) every second; its output goes to {@code dir/prometheus.log}.
   */
  static PrometheusServer start(Path dir, String target) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, scrapeConfig(target));
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process p = new ProcessBuilder("prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=1h")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    System.out.println("prometheus pid " + p.pid() + " on port " + port + ", scraping " + target);
    return new PrometheusServer(p, port);
  }

  /** The scrape configuration: the one the README shows, with a 1 s interval for the test. */
  static String scrapeConfig(String target) {
    return "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: " + JOB + "\n"
        + "    metrics_path: /metrics\n    static_configs:\n      - targets: ['" + target + "']\n";
  }

  /** Waits until Prometheus is ready and has scraped the target once, successfully. */
  void awaitFirstScrape(Duration limit) {
    awaitValue("Prometheus ready with a successful scrape (up == 1)", "up{job=\"" + JOB + "\"}", v -> v == 1, limit);
  }

  /**
   * The sum of the query's result (an instant vector), or empty when it has no series (or Prometheus does not
   * answer yet).
   */
  OptionalDouble value(String query) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
          + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return OptionalDouble.empty();
      }
      JsonNode result = JSON.readTree(r.body()).path("data").path("result");
      if (result.isEmpty()) {
        return OptionalDouble.empty();
      }
      double sum = 0;
      for (JsonNode series : result) {
        sum += Double.parseDouble(series.path("value").get(1).asText());
      }
      return OptionalDouble.of(sum);
    } catch (IOException e) {
      return OptionalDouble.empty(); // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted querying Prometheus");
    }
  }

  /** Waits until the query's value satisfies {@code wanted}; returns it. Polls four times a second. */
  double awaitValue(String what, String query, DoublePredicate wanted, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    OptionalDouble last = OptionalDouble.empty();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Prometheus exited (" + process.exitValue() + ") waiting for " + what);
      }
      last = value(query);
      if (last.isPresent() && wanted.test(last.getAsDouble())) {
        return last.getAsDouble();
      }
      sleep(250);
    }
    throw new AssertionError("gave up after " + limit + " waiting for " + what + ": " + query + " was " + last);
  }

  /** Runs {@code promtool check metrics} on an exposition; answers its exit code and output. */
  static List<String> promtoolCheck(String exposition) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool check metrics did not finish in 30 s");
    }
    return List.of(String.valueOf(p.exitValue()), out);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** Stops Prometheus by its PID: SIGTERM, then SIGKILL if it has not exited within 10 s. */
  @Override
  public void close() {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
