package org.netservof.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Processes;
import org.netservof.rest.server.RestModule;

/**
 * The REST server in a running controller, over real HTTP and HTTPS: errors as JSON, bearer tokens for
 * writes (and reads when configured), the audit log, TLS from a PKCS#12 key store, and tokens read again
 * on reload.
 */
class RestServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "ann-token-0123456789abcdef";

  @TempDir
  Path dir;

  private Controller start(String extraYaml) throws Exception {
    Path tokenFile = dir.resolve("ann.token");
    Files.writeString(tokenFile, TOKEN + "\n");
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\nmodules: [rest]\n"
        + "store-path: " + dir.resolve("store") + "\n"
        + "rest-tokens:\n  - name: ann\n    token-file: " + tokenFile + "\n" + extraYaml);
    return Controller.start(Optional.of(config), Map.of());
  }

  private static int port(Controller c) {
    return c.module(RestModule.class).orElseThrow().address().getPort();
  }

  private static HttpResponse<String> send(HttpClient http, String method, String url, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void errorsAreJsonWritesNeedATokenAndTheAuditLogSaysWhoDidWhat() throws Exception {
    try (Controller c = start("")) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + port(c);
      HttpResponse<String> health = send(http, "GET", base + "/wm/core/health/json", null);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(health.body()).get("healthy").asBoolean()).isTrue();

      HttpResponse<String> missing = send(http, "GET", base + "/no/such/path", null);
      assertThat(missing.statusCode()).isEqualTo(404);
      JsonNode error = JSON.readTree(missing.body());
      assertThat(error.get("status").asInt()).isEqualTo(404);
      assertThat(error.get("error").asText()).isEqualTo("Not Found");
      assertThat(error.has("detail")).isTrue();

      HttpResponse<String> anonymous = send(http, "DELETE", base + "/netserv/v1/services/1", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          v -> assertThat(v).startsWith("Bearer"));
      HttpResponse<String> noSteering = send(http, "DELETE", base + "/netserv/v1/services/1", TOKEN);
      assertThat(noSteering.statusCode()).as("steering does not run here").isEqualTo(503);

      JsonNode audit = JSON.readTree(send(http, "GET", base + "/netserv/v1/audit", null).body());
      assertThat(audit).hasSize(2);
      assertThat(audit.get(0).get("operator").asText()).isEqualTo("-");
      assertThat(audit.get(0).get("status").asInt()).isEqualTo(401);
      assertThat(audit.get(1).get("operator").asText()).isEqualTo("ann");
      assertThat(audit.get(1).get("path").asText()).isEqualTo("/netserv/v1/services/1");
      assertThat(send(http, "GET", base + "/netserv/v1/audit?limit=0", null).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aClientOfferingAnHttp2UpgradeIsAnsweredInHttp11WithItsBodyRead() throws Exception {
    try (Controller c = start("")) {
      // Java's default client offers h2c on every plain-HTTP request, body included.
      HttpClient offersH2c = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port(c);
      HttpResponse<String> health = send(offersH2c, "GET", base + "/wm/core/health/json", null);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("application/json"));
      HttpResponse<String> malformed = offersH2c.send(HttpRequest.newBuilder(URI.create(base
          + "/netserv/v1/services/1/refresh")).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer "
          + TOKEN).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"ttl"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(malformed.statusCode()).as("the body was read and refused, in time").isIn(400, 503);
      assertThat(JSON.readTree(malformed.body()).has("detail")).isTrue();
    }
  }

  @Test
  void readsCanNeedATokenAndANewTokenFileIsReadOnReload() throws Exception {
    try (Controller c = start("rest-reads-need-token: true\n")) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String health = "http://127.0.0.1:" + port(c) + "/wm/core/health/json";
      assertThat(send(http, "GET", health, null).statusCode()).isEqualTo(401);
      assertThat(send(http, "GET", health, TOKEN).statusCode()).isEqualTo(200);

      Files.writeString(dir.resolve("ann.token"), "ann-new-token-0123456789\n");
      c.reload();
      assertThat(send(http, "GET", health, TOKEN).statusCode()).as("the old token").isEqualTo(401);
      assertThat(send(http, "GET", health, "ann-new-token-0123456789").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theApiServesHttpsFromAKeyStore() throws Exception {
    Path store = dir.resolve("rest.p12");
    Files.writeString(dir.resolve("rest.pass"), "changeit-0123\n");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Processes.run(keytool.toString(), "-genkeypair", "-alias", "rest", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit-0123", "-keypass", "changeit-0123");
    try (Controller c = start("rest-tls:\n  key-store: " + store + "\n  password-file: " + dir.resolve("rest.pass")
        + "\n")) {
      SSLContext trustAll = SSLContext.getInstance("TLS");
      trustAll.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      HttpClient https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustAll).build();
      HttpResponse<String> r = send(https, "GET", "https://127.0.0.1:" + port(c) + "/wm/core/health/json", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.sslSession()).isPresent();
    }
  }

  @Test
  void anAdminDownloadsABackupWhileTheControllerRunsAndAControllerStartedOnItHasTheSameIntent() throws Exception {
    String admin = "root-token-0123456789abcdef";
    Files.writeString(dir.resolve("root.token"), admin + "\n");
    String root = "  - name: root\n    scope: admin\n    token-file: " + dir.resolve("root.token") + "\n";
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Path restored = dir.resolve("restored").resolve("intent.mv.db");
    try (Controller c = start(root)) {
      String base = "http://127.0.0.1:" + port(c);
      send(http, "DELETE", base + "/wm/staticentrypusher/json", admin); // audited, whatever its answer
      assertThat(send(http, "GET", base + "/netserv/v1/store/backup", TOKEN).statusCode())
          .as("a write operator may not take every user's intent away").isEqualTo(403);

      HttpResponse<byte[]> backup = http.send(HttpRequest.newBuilder(URI.create(base + "/netserv/v1/store/backup"))
          .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(backup.statusCode()).isEqualTo(200);
      assertThat(backup.headers().firstValue("Content-Disposition").orElseThrow()).contains("intent-")
          .endsWith(".mv.db\"");
      Files.createDirectories(restored.getParent());
      Files.write(restored, backup.body());
    }

    Path config = Files.writeString(dir.resolve("restored.yaml"), "of-listen: 127.0.0.1:0\n"
        + "rest-listen: 127.0.0.1:0\nmodules: [rest]\nstore-path: " + restored.getParent() + "\n");
    try (Controller again = Controller.start(Optional.of(config), Map.of())) {
      String audit = send(http, "GET", "http://127.0.0.1:" + port(again) + "/netserv/v1/audit", null).body();
      assertThat(audit).contains("\"operator\":\"root\"").contains("DELETE").contains("/wm/staticentrypusher/json");
    }
  }

  @Test
  void aControllerOnTheMemoryStoreHasNoBackupToGive() throws Exception {
    String admin = "root-token-0123456789abcdef";
    Files.writeString(dir.resolve("root.token"), admin + "\n");
    String root = "  - name: root\n    scope: admin\n    token-file: " + dir.resolve("root.token") + "\n";
    try (Controller c = start(root + "store: memory\n")) {
      HttpResponse<String> r = send(HttpClient.newHttpClient(), "GET", "http://127.0.0.1:" + port(c)
          + "/netserv/v1/store/backup", admin);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
      assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("memory");
    }
  }
}
