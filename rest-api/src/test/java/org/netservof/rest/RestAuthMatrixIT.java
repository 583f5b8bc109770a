package org.netservof.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.launcher.Controller;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.rest.server.RestModule;

/**
 * Every route and method of the REST API against every kind of caller, over real HTTP in a running controller
 * with the default modules: anonymous, a token nobody configured, and operators with scope read, write and
 * admin; once with reads open (loopback) and once with reads needing a token. The scope each route needs is
 * written out here, not read from the code under test, and the route list is the API's own OpenAPI document:
 * a route added without a line here fails the test. Then the grant check: a write operator's service for a
 * user must lie inside that user's grant; an admin's may go beyond it.
 */
class RestAuthMatrixIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> TOKENS = Map.of("reader", "reader-token-0123456789",
      "writer", "writer-token-0123456789", "admin", "admin-token-0123456789");
  private static final String STRANGER = "nobody-configured-this-0123456789";
  private static final List<String> SCOPES = List.of("read", "write", "admin");

  /** What each route needs: decided in the README's security model, written out again here. */
  private static final Map<String, String> NEEDS = new TreeMap<>(Map.ofEntries(
      Map.entry("POST /netserv/v1/services", "write"),
      Map.entry("POST /netserv/v1/services/{id}/refresh", "write"),
      Map.entry("POST /netserv/v1/services/{id}/properties", "write"),
      Map.entry("DELETE /netserv/v1/services/{id}", "write"),
      Map.entry("POST /netserv/v1/nodes/{id}/drain", "admin"),
      Map.entry("DELETE /netserv/v1/nodes/{id}", "admin"),
      Map.entry("POST /wm/staticentrypusher/json", "admin"),
      Map.entry("DELETE /wm/staticentrypusher/json", "admin"),
      Map.entry("DELETE /wm/staticentrypusher/clear/{switch}/json", "admin"),
      Map.entry("POST /wm/staticflowpusher/json", "admin"),
      Map.entry("DELETE /wm/staticflowpusher/json", "admin"),
      Map.entry("DELETE /wm/staticflowpusher/clear/{switch}/json", "admin"),
      Map.entry("POST /wm/statistics/config/{action}/json", "write"),
      Map.entry("PUT /wm/statistics/config/{action}/json", "write"),
      Map.entry("GET /netserv/v1/store/backup", "admin")));

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void everyRouteAnswersEachCallerAsItsScopeSaysWithReadsOpenOnLoopback() throws Exception {
    try (Controller c = start("")) {
      assertMatrix(base(c), true);
    }
  }

  @Test
  void everyRouteAnswersEachCallerAsItsScopeSaysWhenReadsNeedAToken() throws Exception {
    try (Controller c = start("rest-reads-need-token: true\n")) {
      assertMatrix(base(c), false);
    }
  }

  @Test
  void aServiceForAUserMustLieInsideTheUsersGrantUnlessTheOperatorIsAdmin() throws Exception {
    try (Controller c = start("")) {
      String base = base(c);
      String outside = service("alice", "10.9.9.9/32");
      HttpResponse<String> refused = send("POST", base + "/netserv/v1/services", "writer", outside);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("user 'alice'")
          .contains("outside").contains("admin");
      HttpResponse<String> unknown = send("POST", base + "/netserv/v1/services", "writer", service("mallory",
          "10.0.0.2/32"));
      assertThat(unknown.statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(unknown.body()).get("detail").asText()).contains("user 'mallory' is not configured");
      assertThat(send("GET", base + "/netserv/v1/deployments", "reader", null).body()).isEqualTo("[]");

      // Inside the grant, or by an admin, the request passes the check and meets the next one: no such pool.
      HttpResponse<String> inside = send("POST", base + "/netserv/v1/services", "writer", service("alice",
          "10.0.0.2/32"));
      assertThat(inside.statusCode()).as(inside.body()).isNotIn(401, 403).isGreaterThanOrEqualTo(400);
      assertThat(inside.body()).contains("pool");
      HttpResponse<String> byAdmin = send("POST", base + "/netserv/v1/services", "admin", outside);
      assertThat(byAdmin.statusCode()).as(byAdmin.body()).isNotIn(401, 403);
      assertThat(byAdmin.body()).contains("pool");
    }
  }

  private void assertMatrix(String base, boolean readsOpen) throws Exception {
    Map<String, String> routes = routes(base);
    assertThat(routes).as("the API's routes").hasSizeGreaterThan(30);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> route : routes.entrySet()) {
      String needed = route.getValue();
      String[] methodPath = route.getKey().split(" ", 2);
      String url = base + concrete(methodPath[1]);
      expect(wrong, route.getKey(), "anonymous", status(methodPath[0], url, null),
          readsOpen && needed.equals("read") ? "allowed" : "401");
      expect(wrong, route.getKey(), "stranger", status(methodPath[0], url, STRANGER), "401");
      for (String scope : SCOPES) {
        String operator = scope.equals("read") ? "reader" : scope.equals("write") ? "writer" : "admin";
        boolean may = SCOPES.indexOf(scope) >= SCOPES.indexOf(needed);
        expect(wrong, route.getKey(), operator, status(methodPath[0], url, TOKENS.get(operator)),
            may ? "allowed" : "403");
      }
    }
    assertThat(wrong).as("routes answering a caller against its scope").isEmpty();
  }

  private static void expect(List<String> wrong, String route, String caller, int status, String expected) {
    boolean ok = expected.equals("allowed") ? status != 401 && status != 403
        : status == Integer.parseInt(expected);
    if (!ok) {
      wrong.add(route + " as " + caller + ": " + status + ", expected " + expected);
    }
  }

  /** Every route in the OpenAPI document, with the scope this test expects it to need. */
  private Map<String, String> routes(String base) throws Exception {
    JsonNode paths = JSON.readTree(send("GET", base + "/netserv/v1/openapi.json", "admin", null).body())
        .get("paths");
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<String> p = paths.fieldNames(); p.hasNext(); ) {
      String path = p.next();
      for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) {
        String route = m.next().toUpperCase() + " " + path;
        out.put(route, NEEDS.getOrDefault(route, route.startsWith("GET ") ? "read" : "unlisted"));
      }
    }
    assertThat(out).as("routes that change state but have no expected scope here").doesNotContainValue("unlisted");
    assertThat(out.keySet()).as("every route written out here exists").containsAll(NEEDS.keySet());
    return out;
  }

  /** A path with its parameters filled: none names anything that exists, so allowed writes change nothing. */
  private static String concrete(String template) {
    return template.replace("{switch}", "00:00:00:00:00:00:00:77").replace("{id}", "77")
        .replaceAll("\\{[^}]+}", "nothing-here");
  }

  /** The status, from the headers alone: the event stream never ends. */
  private int status(String method, String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString("{}"));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    r.body().close();
    return r.statusCode();
  }

  private HttpResponse<String> send(String method, String url, String operator, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").method(method, body == null
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    b.header("Authorization", "Bearer " + TOKENS.get(operator));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String service(String user, String dst) {
    return "{\"name\":\"probe\",\"pool\":\"no-such-pool\",\"user\":\"" + user + "\",\"filter\":{\"protocol\":\"udp\","
        + "\"dst\":\"" + dst + "\"}}";
  }

  /** The default modules, every socket on a free loopback port, three operators and one signaling user. */
  private Controller start(String extraYaml) throws Exception {
    StringBuilder yaml = new StringBuilder("of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\n"
        + "store-path: " + dir.resolve("store") + "\n"
        + "node-listen: 127.0.0.1:0\nnode-agents:\n  - {id: n1, token-file: " + write("n1.token",
            "matrix-node-token-0123456789") + ", pool: pool, dpid: \"00:00:00:00:00:00:00:01\", port: 11, weight: 1}\n"
        + "rest-tokens:\n");
    for (String scope : SCOPES) {
      String operator = scope.equals("read") ? "reader" : scope.equals("write") ? "writer" : "admin";
      yaml.append("  - {name: ").append(operator).append(", token-file: ")
          .append(write(operator + ".token", TOKENS.get(operator))).append(", scope: ").append(scope).append("}\n");
    }
    Path key = dir.resolve("alice.key");
    SignalKeys.generate(key);
    yaml.append("users:\n  - name: alice\n    public-key-file: ").append(SignalKeys.publicFile(key))
        .append("\n    filter-prefixes: [10.0.0.0/24]\n    protocols: [udp]\n    max-services: 4\n"
            + "    max-rate-kbps: 0\n").append(extraYaml);
    return Controller.start(Optional.of(Files.writeString(dir.resolve("controller.yaml"), yaml)), Map.of());
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content + "\n");
  }

  private static String base(Controller c) {
    return "http://127.0.0.1:" + c.module(RestModule.class).orElseThrow().address().getPort();
  }
}
