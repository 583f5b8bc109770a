package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;

/**
 * The NetServ REST API on a Mininet fabric with real service nodes, over real HTTP: a service created with
 * a module steers traffic through the node as a signaled SETUP does, and deleting it restores the direct path;
 * writes without a token and malformed bodies change nothing; the audit log and the event stream say what
 * happened; drain keeps a node's flows and sends new ones elsewhere; the OpenAPI document names every
 * resource, and every path in it answers.
 */
class NetServApiIT {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final String TOKEN = NetServDomain.TOKEN;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private NetServDomain domain;
  private Controller controller;
  private RestClient rest;

  @BeforeEach
  void start() throws Exception {
    domain = NetServDomain.start(dir);
    controller = domain.controller();
    rest = domain.rest();
  }

  @AfterEach
  void stop() {
    domain.close();
  }

  @Test
  void aServiceCreatedOverRestSteersThroughItsModuleAndDeletingItRestoresTheDirectPath() throws Exception {
    try (MininetNetwork net = domain.network("1")) {
      List<String> events = rest.follow("/netserv/v1/events", WAIT);
      ModuleInstall netMonitor = domain.serviceNodes().install("alice", "NetMonitor", Map.of());
      assertThat(udp(net, 5, 2, 30000)).as("before: direct").isEqualTo(10);
      String body = RestClient.serviceJson(netMonitor, "reactive", "pool", 5060);

      HttpResponse<String> anonymous = send("POST", "/netserv/v1/services", body, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(anonymous.body()).get("detail").asText()).contains("Bearer");
      assertThat(send("POST", "/netserv/v1/services", body, "not-the-token-at-all").statusCode()).isEqualTo(401);
      HttpResponse<String> malformed = send("POST", "/netserv/v1/services", "{\"name\": \"x\", ", TOKEN);
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(malformed.body()).get("detail").asText()).startsWith("malformed JSON");
      HttpResponse<String> sourcePorts = send("POST", "/netserv/v1/services",
          body.replace("\"dstPorts\"", "\"srcPorts\""), TOKEN);
      assertThat(sourcePorts.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(sourcePorts.body()).get("detail").asText()).contains("srcPorts");
      HttpResponse<String> badPrefix = send("POST", "/netserv/v1/services",
          body.replace(FabricTraffic.USER_HOST + "/32", "10.0.0.300/32"), TOKEN);
      assertThat(badPrefix.statusCode()).isEqualTo(400);
      String elsewhere = "http://10.0.0.1:8000/modules/NetMonitor.jar";
      HttpResponse<String> unlisted = send("POST", "/netserv/v1/services",
          body.replace(netMonitor.url().toString(), elsewhere), TOKEN);
      assertThat(unlisted.statusCode()).as(unlisted.body()).isEqualTo(403);
      assertThat(JSON.readTree(unlisted.body()).get("detail").asText()).isEqualTo("module URL '" + elsewhere
          + "' is not under any of module-repositories [" + domain.serviceNodes().moduleRepository() + "]");
      assertThat(controller.service(SteeringService.class).services()).as("nothing applied").isEmpty();
      assertThat(ServiceNodes.agent(controller, "n1").containers()).isEmpty();

      HttpResponse<String> created = send("POST", "/netserv/v1/services", body, TOKEN);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode service = JSON.readTree(created.body());
      int id = service.get("id").asInt();
      assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
          l -> assertThat(l).endsWith("/netserv/v1/services/" + id));
      assertThat(service.get("state").asText()).isEqualTo("active");
      assertThat(service.get("nodes")).extracting(JsonNode::asText).containsExactly("n1");
      assertThat(service.get("module").get("name").asText()).isEqualTo(netMonitor.module());

      assertThat(udp(net, 10, 2, 31000)).as("steered through the node and on to h2").isEqualTo(20);
      Eventually.waitFor("NetMonitor counted the user's traffic", WAIT, () -> counted("n1") == 20);
      JsonNode got = JSON.readTree(get("/netserv/v1/services/" + id).body());
      assertThat(got.get("entries")).isNotEmpty();
      assertThat(got.get("counters").get("packets").asLong()).isPositive();
      assertThat(JSON.readTree(get("/netserv/v1/pools/pool").body()).get("services"))
          .extracting(JsonNode::asInt).containsExactly(id);
      JsonNode alice = JSON.readTree(get("/netserv/v1/users/alice").body());
      assertThat(alice.get("maxServices").asInt()).isEqualTo(2);
      assertThat(alice.toString()).doesNotContain("key");
      assertThat(get("/netserv/v1/services/9999").statusCode()).isEqualTo(404);

      HttpResponse<String> deleted = send("DELETE", "/netserv/v1/services/" + id, null, TOKEN);
      assertThat(deleted.statusCode()).isEqualTo(204);
      assertThat(controller.service(SteeringService.class).services()).isEmpty();
      assertThat(FabricTraffic.steeringEntries(net, "s1")).as("no steering entry left").isEmpty();
      Eventually.waitFor("the container gone from n1", WAIT,
          () -> ServiceNodes.agent(controller, "n1").containers().isEmpty());
      assertThat(udp(net, 5, 2, 32000)).as("after: direct again").isEqualTo(10);

      JsonNode audit = JSON.readTree(get("/netserv/v1/audit").body());
      List<String> lines = new ArrayList<>();
      audit.forEach(e -> lines.add(e.get("operator").asText() + " " + e.get("method").asText() + " "
          + e.get("path").asText() + " " + e.get("status").asInt()));
      assertThat(lines).containsSubsequence("- POST /netserv/v1/services 401", "ops POST /netserv/v1/services 400",
          "ops POST /netserv/v1/services 201", "ops DELETE /netserv/v1/services/" + id + " 204");
      Eventually.waitFor("the events of the service", WAIT, () -> events.stream().anyMatch(
          e -> e.startsWith("service.registered")) && events.stream().anyMatch(e -> e.startsWith("service.removed")));
      createdWithoutWaiting(body);
    }
  }

  /** A creation that may not wait is answered at once with 202 and its deployment, to follow until active. */
  private void createdWithoutWaiting(String body) throws Exception {
    HttpResponse<String> accepted = send("POST", "/netserv/v1/services?wait=0", body, TOKEN);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode deployment = JSON.readTree(accepted.body());
    assertThat(deployment.get("state").asText()).isEqualTo("installing");
    assertThat(deployment.get("origin").asText()).isEqualTo("api");
    String location = accepted.headers().firstValue("Location").orElseThrow();
    assertThat(location).endsWith("/netserv/v1/deployments/" + deployment.get("id").asInt());
    String path = location.substring(location.indexOf("/netserv/"));
    Eventually.waitFor("the deployment active", WAIT, () -> "active".equals(deploymentState(path)));
    int id = JSON.readTree(get(path).body()).get("serviceId").asInt();
    assertThat(get("/netserv/v1/services/" + id).statusCode()).isEqualTo(200);
    assertThat(send("DELETE", "/netserv/v1/services/" + id, null, TOKEN).statusCode()).isEqualTo(204);
    assertThat(get(path).statusCode()).as("the deployment ends with its service").isEqualTo(404);
  }

  @Test
  void aDrainedNodeKeepsItsFlowsAndTakesNoNewOnesAndTheOpenApiDocumentMatchesTheApi() throws Exception {
    try (MininetNetwork net = domain.network("1,1")) {
      ModuleInstall netMonitor = domain.serviceNodes().install("alice", "NetMonitor", Map.of());
      HttpResponse<String> created = send("POST", "/netserv/v1/services",
          RestClient.serviceJson(netMonitor, "reactive", "pool", 5060), TOKEN);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(udp(net, 20, 1, 40000)).isEqualTo(20);
      Eventually.waitFor("both nodes counted", WAIT, () -> counted("n1") + counted("n2") == 20);
      long onN1 = counted("n1");
      assertThat(onN1).as("the flows spread over both nodes").isBetween(1L, 19L);

      HttpResponse<String> drained = send("POST", "/netserv/v1/nodes/n1/drain", null, TOKEN);
      assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
      assertThat(JSON.readTree(drained.body()).get("state").asText()).isEqualTo("draining");
      assertThat(udp(net, 20, 1, 40000)).as("the same flows again").isEqualTo(20);
      Eventually.waitFor("old flows still on n1", WAIT, () -> counted("n1") == 2 * onN1);
      long n2Before = counted("n2");
      assertThat(udp(net, 20, 1, 41000)).as("new flows").isEqualTo(20);
      Eventually.waitFor("new flows all on n2", WAIT, () -> counted("n2") == n2Before + 20);
      assertThat(counted("n1")).isEqualTo(2 * onN1);

      HttpResponse<String> connected = send("DELETE", "/netserv/v1/nodes/n1", null, TOKEN);
      assertThat(connected.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(connected.body()).get("detail").asText()).contains("is connected");

      JsonNode openApi = JSON.readTree(get("/netserv/v1/openapi.json").body());
      assertThat(openApi.get("openapi").asText()).startsWith("3.");
      List<String> paths = new ArrayList<>();
      openApi.get("paths").fieldNames().forEachRemaining(paths::add);
      assertThat(paths).contains("/netserv/v1/services", "/netserv/v1/services/{id}", "/netserv/v1/nodes/{id}/drain",
          "/netserv/v1/pools", "/netserv/v1/users/{name}", "/netserv/v1/events", "/netserv/v1/audit",
          "/wm/core/health/json");
      int serviceId = JSON.readTree(created.body()).get("id").asInt();
      for (String path : paths) {
        // The event stream never ends; GET on clear answers 405 on purpose (clearing is a DELETE), under both of
        // the pusher's names.
        if (!openApi.get("paths").get(path).has("get") || path.endsWith("/events")
            || path.matches("/wm/static(entry|flow)pusher/clear/.*")) {
          continue;
        }
        String concrete = path.replace("{id}", path.contains("nodes") ? "n2" : String.valueOf(serviceId))
            .replace("{name}", path.contains("pools") ? "pool" : "alice")
            .replace("{dpid}", "00:00:00:00:00:00:00:01").replace("{switch}", "00:00:00:00:00:00:00:01");
        if (concrete.contains("{")) {
          continue; // a path with parameters this fabric has no value for
        }
        int status = get(concrete).statusCode();
        assertThat(status).as("GET " + concrete + " (from the OpenAPI document)").isNotIn(404, 405, 500);
      }
    }
  }

  private String deploymentState(String path) {
    try {
      return JSON.readTree(get(path).body()).get("state").asText();
    } catch (Exception e) {
      throw new IllegalStateException("reading " + path, e);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return rest.get(path);
  }

  private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    return rest.send(method, path, body, token);
  }

  /** Follows a server-sent-events stream in the background; each event as "NAME DATA". */
  private static int udp(MininetNetwork net, int flows, int packets, int sportBase) throws Exception {
    return FabricTraffic.udp(net, 5060, flows, packets, sportBase);
  }

  private long counted(String node) {
    return FabricTraffic.netMonitorPackets(controller, node, "alice");
  }
}
