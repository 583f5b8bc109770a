package org.netservof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole client, in-process, against a real HTTP server on a loopback port that answers with captured
 * Floodlight JSON and NetServ API shapes, and records what it was sent.
 */
class CtlClientTest {
  private static final String TOKEN = "s3cret-operator-token";
  private static final String UNAUTHORIZED = "{\"status\":401,\"error\":\"Unauthorized\","
      + "\"detail\":\"this request needs an operator's token: Authorization: Bearer TOKEN\"}";
  private static final String SERVICE = "{\"id\":\"svc-1\",\"name\":\"mon\",\"user\":\"alice\","
      + "\"filter\":{\"protocol\":\"udp\",\"dst\":\"10.0.0.2/32\",\"dstPorts\":\"5060\"},\"pool\":\"edge\","
      + "\"mode\":\"reactive\",\"state\":\"active\",\"nodes\":[],\"expiresAt\":\"2026-11-24T17:00:00Z\"}";

  /** One request as the server saw it. */
  record Seen(String method, String path, String authorization, String body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private String url;

  @TempDir Path dir;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void handle(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String auth = x.getRequestHeaders().getFirst("Authorization");
    String path = x.getRequestURI().toString();
    seen.add(new Seen(x.getRequestMethod(), path, auth, body));
    boolean authorized = ("Bearer " + TOKEN).equals(auth);
    String route = x.getRequestMethod() + " " + x.getRequestURI().getPath();
    switch (route) {
      case "GET /wm/core/controller/switches/json" -> reply(x, 200, resource("core_switches.json"));
      case "GET /wm/core/switch/00:00:00:00:00:00:00:01/flow/json" -> reply(x, 200, resource("core_flow.json"));
      case "POST /netserv/v1/services" -> {
        if (authorized) {
          reply(x, 201, SERVICE);
        } else {
          reply(x, 401, UNAUTHORIZED);
        }
      }
      case "DELETE /netserv/v1/services/svc-1" -> reply(x, authorized ? 204 : 401, authorized ? "" : UNAUTHORIZED);
      case "GET /wm/core/switch/00:00:00:00:00:00:00:09/flow/json" -> reply(x, 200, "{\"   \": \"An error has "
          + "occurred while proccesing your request,\", \"  *\": \"which might be due to ...\"}");
      case "GET /netserv/v1/users" -> reply(x, 401, UNAUTHORIZED);
      case "POST /wm/staticentrypusher/json" -> reply(x, 200, "{\"status\" : \"Warning! Must specify eth_type of "
          + "IPv4/IPv6 to match on IPv4/IPv6 fields! The flow has been discarded.\"}");
      case "DELETE /wm/staticentrypusher/json" -> reply(x, 200, "{\"status\" : \"Entry to-pool deleted\"}");
      case "GET /netserv/v1/audit" -> reply(x, 200, "[{\"sequence\":3,\"at\":\"2026-11-24T16:00:00.5Z\","
          + "\"operator\":\"ops\",\"method\":\"POST\",\"path\":\"/netserv/v1/services\",\"status\":201,\"detail\":\"\"}]");
      case "GET /netserv/v1/events" -> events(x);
      case "GET /netserv/v1/cluster" -> reply(x, 200, resource("cluster.json"));
      case "GET /netserv/v1/store/backup" -> reply(x, authorized ? 200 : 403, authorized ? "H:2,block:2,format:3"
          : "{\"status\":403,\"error\":\"Forbidden\",\"detail\":\"operator 'ops' has scope write; this "
          + "needs admin\"}");
      default -> reply(x, 404, "{\"status\":404,\"error\":\"Not Found\",\"detail\":\"no route " + route + "\"}");
    }
  }

  private static void events(HttpExchange x) throws IOException {
    x.getResponseHeaders().add("Content-Type", "text/event-stream");
    x.sendResponseHeaders(200, 0);
    try (var out = x.getResponseBody()) {
      out.write(("""
          : hello
          event: switch-added
          data: {"dpid":"00:00:00:00:00:00:00:01","time":"2026-11-24T16:00:01Z"}

          event: node-down
          data: {"id":"n1"}

          """).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void reply(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CtlClientTest.class.getResourceAsStream("/ctl/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** What one run printed and returned. */
  record Run(int code, String out, String err) {}

  private Run run(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T16:30:00Z"), ZoneOffset.UTC);
    int code = new CtlMain(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out), new PrintWriter(err), clock).run(args);
    return new Run(code, out.toString().replace(System.lineSeparator(), "\n"),
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  private Run run(String... args) {
    return run(Map.of("NETSERV_URL", url), "", args);
  }

  @Test
  void switchesPrintsATableOfTheDpids() {
    Run r = run("switches");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().toList()).hasSize(4).first().asString().startsWith("DPID").contains("ADDRESS",
        "VERSION", "CONNECTED-SINCE");
    assertThat(r.out()).contains("00:00:00:00:00:00:00:01", "00:00:00:00:00:00:00:02", "00:00:00:00:00:00:00:03",
        "/127.0.0.1:59628", "OF_13");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonPrintsTheServersJsonAsItCameBeforeOrAfterTheCommand() throws Exception {
    String expected = resource("core_switches.json").strip();
    assertThat(run("switches", "--json").out()).isEqualTo(expected + "\n");
    assertThat(run("--json", "switches").out()).isEqualTo(expected + "\n");
    String pretty = run("switches", "--json", "--pretty").out();
    assertThat(pretty.lines().count()).isGreaterThan(3);
    ObjectMapper m = new ObjectMapper();
    assertThat(m.readTree(pretty)).isEqualTo(m.readTree(expected));
  }

  @Test
  void theUrlFlagWinsOverTheEnvironment() {
    Run r = run(Map.of("NETSERV_URL", "http://127.0.0.1:1"), "", "--url", url, "switches");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void flowsOfASwitchAreATable() {
    Run r = run("flows", "00:00:00:00:00:00:00:01");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("in_port=1,eth_type=0x800,ipv4_dst=10.0.0.2", "output=controller");
    assertThat(seen).extracting(Seen::path).containsExactly("/wm/core/switch/00:00:00:00:00:00:00:01/flow/json");
  }

  @Test
  void floodlightsErrorBodyWithStatus200IsAFailure() {
    Run r = run("flows", "00:00:00:00:00:00:00:09");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: the API refused: an invalid dpid");
    assertThat(run("flows", "00:00:00:00:00:00:00:09", "--json").code()).isEqualTo(1);
  }

  @Test
  void aWriteSendsTheBearerTokenFromTheEnvironmentAndTheBodyFromStdin() {
    String body = "{\"name\":\"mon\",\"filter\":{\"protocol\":\"udp\"},\"pool\":\"edge\",\"ttlSeconds\":60}";
    Run r = run(Map.of("NETSERV_URL", url, "NETSERV_TOKEN", TOKEN), body, "services", "create", "-");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(seen).containsExactly(new Seen("POST", "/netserv/v1/services", "Bearer " + TOKEN, body));
    assertThat(r.out()).contains("svc-1", "udp *->10.0.0.2/32:5060", "active");
  }

  @Test
  void refreshSendsTheNewTtlUnderTheServersFieldName() {
    run(Map.of("NETSERV_URL", url, "NETSERV_TOKEN", TOKEN), "", "services", "refresh", "7", "--ttl", "600");
    assertThat(seen).singleElement().satisfies(s -> {
      assertThat(s.path()).isEqualTo("/netserv/v1/services/7/refresh");
      assertThat(s.body()).isEqualTo("{\"ttlSeconds\":600}");
    });
  }

  @Test
  void aTokenFileFromTheEnvironmentAndABodyFromAFile() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Path body = Files.writeString(dir.resolve("svc.json"), "{\"name\": \"mon\"}\n");
    Run r = run(Map.of("NETSERV_URL", url, "NETSERV_TOKEN_FILE", token.toString()), "", "services", "create",
        body.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(seen.get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(seen.get(0).body()).isEqualTo("{\"name\": \"mon\"}\n");
  }

  @Test
  void aDeleteAnsweredWithNoContentSaysWhatWasDone() {
    Run r = run(Map.of("NETSERV_URL", url), "", "--token", TOKEN, "services", "delete", "svc-1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("deleted service svc-1\n");
  }

  @Test
  void anErrorBodyBecomesOneLineOnStderrAndExit1() {
    Run r = run(Map.of("NETSERV_URL", url), "{}", "services", "create", "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: 401 Unauthorized: this request needs an operator's token: "
        + "Authorization: Bearer TOKEN\n").contains("hint: no token was sent");
    Run read = run("users", "--token", "wrong-token");
    assertThat(read.code()).isEqualTo(1);
    assertThat(read.err()).startsWith("error: 401 Unauthorized: ").doesNotContain("hint");
  }

  @Test
  void aBodyThatIsNotJsonIsAUsageErrorAndNothingIsSent() {
    Run r = run(Map.of("NETSERV_URL", url, "NETSERV_TOKEN", TOKEN), "{\"name\": ", "services", "create", "-");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: the body in - is not JSON");
    assertThat(seen).isEmpty();
  }

  @Test
  void aFloodlightWarningWithStatus200IsAFailure() {
    Run r = run(Map.of("NETSERV_URL", url), "{\"switch\": \"1\", \"name\": \"x\", \"ipv4_dst\": \"10.0.0.2\"}",
        "entries", "add", "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: the API refused: Warning! Must specify eth_type");
  }

  @Test
  void deletingAStaticEntrySendsItsNameInTheBody() {
    Run r = run("entries", "delete", "to-pool");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("Entry to-pool deleted\n");
    assertThat(seen).containsExactly(new Seen("DELETE", "/wm/staticentrypusher/json", null, "{\"name\":\"to-pool\"}"));
  }

  @Test
  void auditPassesSinceAndLimit() {
    Run r = run("audit", "--since", "2", "--limit", "5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(seen.get(0).path()).isEqualTo("/netserv/v1/audit?since=2&limit=5");
    assertThat(r.out()).contains("2026-11-24T16:00:00Z  ops", "/netserv/v1/services  201");
  }

  @Test
  void eventsPrintOneLinePerEventWithItsTimeOrTheArrivalTime() {
    Run r = run("events");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().toList()).containsExactly(
        "2026-11-24T16:00:01Z switch-added {\"dpid\":\"00:00:00:00:00:00:00:01\",\"time\":\"2026-11-24T16:00:01Z\"}",
        "2026-11-24T16:30:00Z node-down {\"id\":\"n1\"}");
    assertThat(run("events", "--json", "--count", "1").out()).isEqualTo(
        "{\"dpid\":\"00:00:00:00:00:00:00:01\",\"time\":\"2026-11-24T16:00:01Z\"}\n");
  }

  @Test
  void anUnknownPathIsTheServersErrorNotACrash() {
    Run r = run("nodes", "show", "nope");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: 404 Not Found: no route GET /netserv/v1/nodes/nope");
  }

  @Test
  void connectionRefusedExits3NamingTheUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there now
    }
    String dead = "http://127.0.0.1:" + port;
    Run r = run(Map.of(), "", "--url", dead, "switches");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).startsWith("error: cannot connect to the API at " + dead + ": connection refused");
  }

  @Test
  void usageErrorsExit2() {
    assertThat(run("no-such-command").code()).isEqualTo(2);
    assertThat(run().code()).isEqualTo(2);
    assertThat(run("services", "refresh", "svc-1").code()).isEqualTo(2); // --ttl is required
    Run both = run("--token", "a", "--token-file", "f", "switches");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("error: give --token or --token-file, not both\n");
    assertThat(run("--url", "ftp://x", "switches").code()).isEqualTo(2);
    assertThat(seen).isEmpty();
  }

  @Test
  void storeBackupWritesTheCopyToANewFileAndNeverOverwrites() throws Exception {
    Path file = dir.resolve("copy.mv.db");
    Run r = run(Map.of("NETSERV_URL", url, "NETSERV_TOKEN", TOKEN), "", "store-backup", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(file)).isEqualTo("H:2,block:2,format:3");
    assertThat(seen).last().extracting(Seen::authorization).isEqualTo("Bearer " + TOKEN);

    Run again = run(Map.of("NETSERV_URL", url, "NETSERV_TOKEN", TOKEN), "", "store-backup", file.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("exists already");
    Run refused = run(Map.of("NETSERV_URL", url, "NETSERV_TOKEN", "other-token"), "", "store-backup",
        dir.resolve("other.mv.db").toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("403").contains("needs admin");
    assertThat(dir.resolve("other.mv.db")).doesNotExist();
  }

  @Test
  void clusterPrintsEachMembersSwitchesWithTheirRolesAndTheStoresHealth() {
    Run r = run("cluster");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("MEMBER").contains("SELF", "REST-URL", "SINCE", "SWITCH", "ROLE");
    assertThat(lines).filteredOn(l -> l.startsWith("a ")).singleElement().asString()
        .contains("http://10.0.0.11:8080", "00:00:00:00:00:00:00:01", "master");
    assertThat(lines).filteredOn(l -> l.startsWith("b ")).singleElement().asString()
        .contains("*", "00:00:00:00:00:00:00:02", "master");
    assertThat(lines).filteredOn(l -> l.startsWith("c ")).singleElement().asString()
        .matches("c +- +http://10.0.0.13:8080 +2026-12-05T06:00:02Z +- +-"); // masters nothing
    assertThat(lines.get(lines.size() - 1)).isEqualTo("store: REFUSES WRITES (no quorum: 1 of 3 members answer)");
    assertThat(seen).extracting(Seen::path).containsExactly("/netserv/v1/cluster");
    assertThat(run("cluster", "--json").out()).doesNotContain("store: ").contains("\"instanceId\":\"b\"");
  }
}
