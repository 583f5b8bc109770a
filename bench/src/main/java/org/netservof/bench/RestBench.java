package org.netservof.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.rest.server.RestModule;

/**
 * The REST API of a controller driving a real Open vSwitch bridge with two (stand-in) nodes:
 * <ul>
 *   <li>reads: {@code GET READ_PATH} with several clients at once, against the JDK's own HTTP server
 *       handing out the very same JSON bytes (the floor any Java HTTP API pays);</li>
 *   <li>service creation: {@code POST /netserv/v1/services} (a reactive service, confirmed by the switch)
 *       and its {@code DELETE}, one after another, against the same registrations through the Java
 *       steering API in the same controller (what the HTTP layer adds);</li>
 *   <li>the cost of metrics: PacketIns answered per second with metrics on against off ({@link MetricsCost}).</li>
 * </ul>
 */
record RestBench(int seconds, int clients, int creations, MetricsCost metricsCost) {
  static final String READ_PATH = "/wm/core/controller/switches/json";
  private static final long DPID = 0x5f20000L;
  private static final String TOKEN = "bench-token-0123456789abcdef";

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("rest", "NetServ-OF REST", "peer", machine);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (Controller controller = Controller.start(Optional.of(writeConfig(work)), Map.of());
        OvsBridge bridge = new OvsBridge("nsrb", DPID, "OpenFlow13")) {
      SteeringAdminService steering = StandInNodes.connect(controller, bridge, DPID, 0x020000000f10L);
      String base = "http://127.0.0.1:" + controller.module(RestModule.class).orElseThrow().address().getPort();
      measureReads(report, http, base);
      measureCreations(report, http, base, controller.service(SteeringService.class), steering);
    }
    metricsCost.measure(report, work, machine.cores() >= 2);
    report.finish(machine.finish());
    return report;
  }

  /** The controller's configuration, with the bench's REST token in a file beside it. */
  private static Path writeConfig(Path work) throws IOException {
    Path token = work.resolve("bench.token");
    Files.writeString(token, TOKEN + "\n");
    Path config = work.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\nmodules: [forwarding, steering, deployments, rest]\n"
        + "store-path: " + work.resolve("store") + "\n"
        + "rest-tokens:\n  - name: bench\n    token-file: " + token + "\n");
    return config;
  }

  private void measureReads(Report report, HttpClient http, String base) throws Exception {
    byte[] body = http.send(HttpRequest.newBuilder(URI.create(base + READ_PATH)).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
    readLoad(http, base + READ_PATH, 2); // warm-up
    double ours = readLoad(http, base + READ_PATH, seconds);
    double floor = jdkServerReads(http, body);
    report.add("GET " + READ_PATH + " (1 switch), " + clients + " clients", "requests/s", ours,
        "JDK HttpServer, same bytes", floor, true);
    report.note("reads: " + clients + " client threads for " + seconds + " s on one HTTP/1.1 client; the JSON is "
        + body.length + " bytes");
  }

  private void measureCreations(Report report, HttpClient http, String base, SteeringService steering,
      SteeringAdminService admin) throws Exception {
    creations(http, base, steering, 20); // warm-up
    double[] rest = creations(http, base, steering, creations);
    double[] java = javaRegistrations(admin, creations);
    report.add("POST /netserv/v1/services, reactive, switch-confirmed, one at a time", "services/s", rest[0],
        "Java steering API", java[0], true);
    report.add("DELETE /netserv/v1/services/{id}, switch-confirmed, one at a time", "services/s", rest[1],
        "Java steering API", java[1], true);
    report.note("creations: " + creations + " services created then deleted one after another; each answer waits "
        + "for the switch's barrier");
  }

  /** Requests per second over {@code secs} with {@code clients} threads asking in a loop. */
  private double readLoad(HttpClient http, String url, int secs) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(secs);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
              throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
            }
            done.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return done.get() / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same bytes from the JDK's HTTP server on loopback, under the same load. */
  private double jdkServerReads(HttpClient http, byte[] body) throws Exception {
    // Without it the JDK server writes headers and body as two segments, and Nagle against the client's
    // delayed ACK costs 40 ms a request: a floor no real server has.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(clients));
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + READ_PATH;
      readLoad(http, url, 2);
      return readLoad(http, url, seconds);
    } finally {
      server.stop(0);
      ((ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** Creations and deletions per second over HTTP, one at a time. */
  private static double[] creations(HttpClient http, String base, SteeringService steering, int count)
      throws Exception {
    List<String> ids = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String json = "{\"name\": \"rest-" + i + "\", \"pool\": \"pool\", \"filter\": {\"protocol\": \"udp\", "
          + "\"dstPorts\": \"" + (20000 + i) + "\"}}";
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/netserv/v1/services"))
          .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
      }
      ids.add(r.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    }
    double created = count / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    for (String id : ids) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/netserv/v1/services/" + id))
          .header("Authorization", "Bearer " + TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 204) {
        throw new IllegalStateException("DELETE answered " + r.statusCode() + ": " + r.body());
      }
    }
    double deleted = count / ((System.nanoTime() - start) / 1e9);
    if (!steering.services().isEmpty()) {
      throw new IllegalStateException("services left after the deletions: " + steering.services());
    }
    return new double[] {created, deleted};
  }

  /** The same registrations and removals through the Java API, one at a time. */
  private static double[] javaRegistrations(SteeringAdminService steering, int count) throws Exception {
    List<Integer> ids = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      ServiceInfo s = steering.register(new ServiceRequest("java-" + i, Filter.of(Protocol.UDP)
          .withDstPorts(PortRange.single(20000 + i)), "pool", SteeringMode.REACTIVE, Optional.empty()))
          .get(30, TimeUnit.SECONDS);
      ids.add(s.id());
    }
    double created = count / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    for (int id : ids) {
      steering.remove(id).get(30, TimeUnit.SECONDS);
    }
    return new double[] {created, count / ((System.nanoTime() - start) / 1e9)};
  }
}
