package org.netservof.mininet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.testing.Eventually;

/**
 * The controller's REST API over real HTTP/1.1, as the CLI speaks it (RestServerIT checks that a client
 * offering h2c is answered too); each call printed with its status, for reading a failed run.
 */
final class RestClient {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  RestClient(String base) {
    this.base = base;
  }

  String base() {
    return base;
  }

  HttpClient http() {
    return http;
  }

  /**
   * Follows a server-sent-events stream in the background: each event as "NAME DATA", from the stream's first
   * ("hello"), which this waits for.
   */
  List<String> follow(String path, Duration wait) throws Exception {
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      throw new AssertionError(path + " answered " + r.statusCode());
    }
    Thread reader = new Thread(() -> {
      try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(),
          java.nio.charset.StandardCharsets.UTF_8))) {
        String name = "";
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("event:")) {
            name = line.substring(6).strip();
          } else if (line.startsWith("data:")) {
            events.add(name + " " + line.substring(5).strip());
          }
        }
      } catch (java.io.IOException e) {
        // the controller closed the stream
      }
    }, "sse-reader");
    reader.setDaemon(true);
    reader.start();
    org.netservof.controller.testing.Eventually.waitFor("the stream's first event", wait,
        () -> events.stream().anyMatch(e -> e.startsWith("hello")));
    return events;
  }

  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  /** Sends a request, with a JSON body and a bearer token where they are not null. */
  HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    System.out.println(method + " " + path + " -> " + r.statusCode() + " " + r.body().lines().findFirst().orElse(""));
    return r;
  }

  /**
   * Follows a server-sent-events stream in the background, until the server ends it: each event as "NAME DATA",
   * the first ("hello") there when this returns.
   */
  List<String> follow(String path) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicReference<String> name = new AtomicReference<>("");
    Thread reader = new Thread(() -> r.body().forEach(line -> {
      if (line.startsWith("event:")) {
        name.set(line.substring("event:".length()).strip());
      } else if (line.startsWith("data:")) {
        events.add(name.get() + " " + line.substring("data:".length()).strip());
      }
    }), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    Eventually.waitFor(path + "'s first event", Duration.ofSeconds(20), () -> !events.isEmpty());
    return events;
  }

  /** The body of a service of alice's that runs the module for UDP to the user host's port. */
  static String serviceJson(ModuleInstall module, String mode, String pool, int port) {
    return "{\"name\": \"monitor\", \"filter\": {\"protocol\": \"udp\", \"dst\": \"" + FabricTraffic.USER_HOST
        + "/32\", \"dstPorts\": \"" + port + "\"}, \"pool\": \"" + pool + "\", \"mode\": \"" + mode
        + "\", \"ttlSeconds\": 600, \"user\": \"alice\", \"module\": {\"name\": \"" + module.module()
        + "\", \"url\": \"" + module.url() + "\", \"sha256\": \"" + module.sha256() + "\"}}";
  }
}
