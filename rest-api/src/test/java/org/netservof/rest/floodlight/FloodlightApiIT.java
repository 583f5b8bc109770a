package org.netservof.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.Ovs;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.controller.testing.Processes;
import org.netservof.rest.server.RestModule;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The Floodlight-compatible read endpoints over real HTTP, against a controller running forwarding and the
 * REST module with three Open vSwitch bridges (userspace datapath, OpenFlow 1.3) in a line and a host (a
 * network namespace) on each end, and a fourth bridge on its own speaking OpenFlow 1.0:
 *
 * <pre>  h1 -- [1] br1 [3] -- [3] br2 [4] -- [3] br3 [1] -- h3</pre>
 *
 * Every endpoint's JSON must have the shape of the response Floodlight gave for the same request
 * (captures in {@code floodlight-captures/}): the same keys and the same kinds of values.
 */
class FloodlightApiIT {
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "floodlight-api-test-token-0123456789";
  private static final String TRUSTED = "https://trusted.example";
  /**
   * HTTP/1.1 as Floodlight's clients (curl, Python requests) speak it. The JDK client's default HTTP/2 attempt
   * sends {@code Upgrade: h2c}, and Grizzly then answers without a Content-Type header (seen 2026-11-24).
   */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private static Controller controller;
  private static URI base;
  private static final List<OvsBridge> bridges = new ArrayList<>();
  private static final List<String> namespaces = new ArrayList<>();
  private static String dpid1;
  private static String dpid3;
  private static String dpid10;
  private static LogCapture log;
  private static String subnet;

  @BeforeAll
  static void startFabric(@TempDir Path dir) throws Exception {
    Ovs.ensureRunning();
    log = new LogCapture();
    Path config = dir.resolve("controller.yaml");
    Path token = Files.writeString(dir.resolve("operator.token"), TOKEN + "\n");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\nmodules: [forwarding, rest]\n"
        + "store-path: " + dir.resolve("store") + "\n"
        + "rest-tokens: [{name: tester, scope: write, token-file: " + token + "}]\n"
        + "rest-cors-origins: [\"" + TRUSTED + "\"]\n"
        + "statistics: {collect: false, interval: 1s}\n");
    controller = Controller.start(Optional.of(config), Map.of());
    InetSocketAddress rest = controller.module(RestModule.class).orElseThrow().address();
    base = URI.create("http://" + rest.getHostString() + ":" + rest.getPort());

    // DPIDs and addresses unique to this run, so leftovers of an earlier run never answer for this one.
    int run = ThreadLocalRandom.current().nextInt(1, 0xff);
    long dpidBase = 0x5f0000L + ((long) run << 8);
    subnet = "10.213." + run + ".";
    OvsBridge br1 = bridge(dpidBase + 1);
    OvsBridge br2 = bridge(dpidBase + 2);
    OvsBridge br3 = bridge(dpidBase + 3);
    cable(br1, 3, br2, 3);
    cable(br2, 4, br3, 3);
    host(br1, 1, subnet + "1");
    host(br3, 1, subnet + "3");
    // A switch speaking OpenFlow 1.0 on its own, for the fields Floodlight writes differently there.
    OvsBridge old = new OvsBridge("flt", dpidBase + 0x10, "OpenFlow10");
    bridges.add(old);
    old.addVethPort(1);
    dpid10 = DatapathId.of(old.dpid).toString();
    dpid1 = DatapathId.of(br1.dpid).toString();
    dpid3 = DatapathId.of(br3.dpid).toString();

    String target = "tcp:127.0.0.1:" + controller.openFlowAddress().getPort();
    bridges.forEach(b -> b.setController(target));
    SwitchService switches = controller.service(SwitchService.class);
    Eventually.waitFor("four switches to connect", SETTLE, () -> bridges.stream()
        .allMatch(b -> switches.getSwitch(DatapathId.of(b.dpid)).isPresent()));
    Eventually.waitFor("four directed links", SETTLE, () -> get("/wm/topology/directed-links/json").size() == 4);
    Eventually.waitFor("both hosts to be learnt", SETTLE, () -> {
      Processes.runAllowingFailure(Duration.ofSeconds(5), "ip", "netns", "exec", namespaces.get(0), "ping", "-c", "1",
          "-W", "1", subnet + "3");
      return get("/wm/device/").get("devices").size() >= 2;
    });
    // A SELECT group on br1 (added once connected: the controller owns the tables from then on), so the
    // group endpoints have something to describe.
    Processes.run("ovs-ofctl", "-O", "OpenFlow13", "add-group", br1.name,
        "group_id=1,type=select,bucket=weight:1,output:1");
  }

  private static OvsBridge bridge(long dpid) {
    OvsBridge b = new OvsBridge("flt", dpid, "OpenFlow13");
    bridges.add(b);
    return b;
  }

  /** A veth between two bridges: port {@code p1} of one, port {@code p2} of the other. */
  private static void cable(OvsBridge b1, int p1, OvsBridge b2, int p2) {
    String free = b1.addVethPort(p1);
    Processes.run("ovs-vsctl", "--timeout=10", "add-port", b2.name, free, "--", "set", "interface", free,
        "ofport_request=" + p2);
  }

  /** A host: the free end of a veth on the bridge, moved into its own network namespace with an address. */
  private static void host(OvsBridge bridge, int port, String address) {
    String free = bridge.addVethPort(port);
    String ns = "ns" + bridge.name;
    Processes.runAllowingFailure(Duration.ofSeconds(10), "ip", "netns", "del", ns);
    Processes.run("ip", "netns", "add", ns);
    namespaces.add(ns);
    Processes.run("ip", "link", "set", free, "netns", ns);
    Processes.run("ip", "-n", ns, "addr", "add", address + "/24", "dev", free);
    Processes.run("ip", "-n", ns, "link", "set", free, "up");
    Processes.run("ip", "-n", ns, "link", "set", "lo", "up");
  }

  @AfterAll
  static void stopFabric() {
    try {
      if (log != null) {
        List<String> problems = log.problems();
        log.close();
        assertThat(problems).as("warnings and errors in the controller log").isEmpty();
      }
    } finally {
      if (controller != null) {
        controller.close();
      }
      bridges.forEach(OvsBridge::close);
      namespaces.forEach(ns -> Processes.runAllowingFailure(Duration.ofSeconds(10), "ip", "netns", "del", ns));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/wm/core/controller/switches/json, core_switches.json",
      "/wm/core/controller/summary/json, core_summary.json",
      "/wm/core/memory/json, core_memory.json",
      "/wm/core/system/uptime/json, core_uptime.json",
      "/wm/core/switch/{dpid1}/flow/json, core_flow.json",
      "/wm/core/switch/all/flow/json, core_all_flow.json",
      "/wm/core/switch/{dpid1}/port/json, core_port.json",
      "/wm/core/switch/{dpid1}/port-desc/json, core_portdesc.json",
      "/wm/core/switch/{dpid1}/desc/json, core_desc.json",
      "/wm/core/switch/{dpid1}/aggregate/json, core_aggregate.json",
      "/wm/core/switch/{dpid1}/features/json, core_features.json",
      "/wm/core/switch/{dpid1}/group/json, core_group.json",
      "/wm/core/switch/{dpid1}/group-desc/json, core_group_desc.json",
      "/wm/core/switch/{dpid1}/table/json, core_table.json",
      "/wm/core/switch/{dpid1}/role/json, core_switch_role.json",
      "/wm/core/switch/all/role/json, core_switch_role.json",
      "/wm/topology/links/json, topo_links.json",
      "/wm/topology/directed-links/json, topo_directed.json",
      "/wm/topology/external-links/json, topo_external.json",
      "/wm/topology/archipelagos/json, topo_archipelagos.json",
      "/wm/topology/broadcastports/json, topo_broadcastports.json",
      "/wm/topology/enabledports/json, topo_enabledports.json",
      "/wm/topology/blockedports/json, topo_blockedports.json",
      "/wm/device/, device_all.json",
      "/wm/device/all/json, device_all.json",
      "/wm/device/?ipv4={subnet}3, device_query.json",
      "/wm/routing/path/{dpid1}/1/{dpid3}/1/json, routing_path.json",
      "/wm/routing/paths/{dpid1}/{dpid3}/3/json, routing_paths.json",
      "/wm/routing/paths/fast/{dpid1}/{dpid3}/3/json, routing_paths.json",
      "/wm/routing/paths/slow/{dpid1}/{dpid3}/3/json, routing_paths.json"})
  void theResponseHasTheShapeOfFloodlights(String path, String capture) throws Exception {
    JsonNode actual = get(path);
    if (path.contains("/all/") && actual.isObject()) {
      // The captures are OpenFlow 1.3; the 1.0 switch's fields differ on purpose (checked below).
      ((com.fasterxml.jackson.databind.node.ObjectNode) actual).remove(dpid10);
    }

    assertThat(JsonShape.differences(capture(capture), actual)).as("%s against %s: %s", path, capture, actual)
        .isEmpty();
  }

  @Test
  void theAnswersDescribeTheFabricBuilt() {
    assertThat(get("/wm/topology/links/json")).hasSize(2)
        .allSatisfy(l -> assertThat(l.get("direction").asText()).isEqualTo("bidirectional"));
    assertThat(get("/wm/core/controller/summary/json").get("# Switches").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(get("/wm/core/switch/all/flow/json").has(dpid1)).isTrue();
    assertThat(get("/wm/core/switch/" + dpid1 + "/group-desc/json").get("group_desc")).hasSize(1);
    assertThat(get("/wm/device/?ipv4=" + subnet + "3").get("devices")).hasSize(1);
    assertThat(get("/wm/device/?ipv4=" + subnet + "99").get("devices")).isEmpty();
    assertThat(get("/wm/device/?dpid=" + dpid1 + "&port=1").get("devices")).hasSize(1);
    JsonNode route = get("/wm/routing/path/" + dpid1 + "/1/" + dpid3 + "/1/json").get("results");
    assertThat(route).hasSize(6);
    assertThat(route.get(0).get("switch").asText()).isEqualTo(dpid1);
    assertThat(route.get(5).get("switch").asText()).isEqualTo(dpid3);
    assertThat(get("/wm/routing/paths/" + dpid1 + "/" + dpid3 + "/3/json").get("results").get(0)
        .get("hop_count").asText()).isEqualTo("2");
  }

  @Test
  void anOpenFlow10SwitchGetsFloodlightsOpenFlow10Fields() {
    JsonNode flows = get("/wm/core/switch/" + dpid10 + "/flow/json").get("flows");
    assertThat(flows).isNotEmpty().allSatisfy(f -> {
      assertThat(f.get("version").asText()).isEqualTo("OF_10");
      assertThat(f.has("actions")).as("actions in %s", f).isTrue();
      assertThat(f.has("instructions") || f.has("flags")).as("instructions or flags in %s", f).isFalse();
    });
    JsonNode features = get("/wm/core/switch/" + dpid10 + "/features/json");
    assertThat(features.get("port_desc")).isNotEmpty();
    assertThat(features.get("actions").asText()).contains("OUTPUT");
    assertThat(get("/wm/core/switch/" + dpid10 + "/port/json").get("port_reply").get(0).get("port").get(0)
        .has("duration_sec")).isFalse();
    assertThat(get("/wm/core/switch/" + dpid10 + "/table/json").get("table").get(0).has("name")).isTrue();
    assertThat(send("/wm/core/switch/" + dpid10 + "/group-desc/json").statusCode()).isEqualTo(400);
    JsonNode allGroups = get("/wm/core/switch/all/group-desc/json");
    assertThat(allGroups.has(dpid1)).isTrue();
    assertThat(allGroups.has(dpid10)).as("an OpenFlow 1.0 switch is left out of all/group-desc").isFalse();
    assertThat(get("/wm/core/switch/all/flow/json").has(dpid10)).isTrue();
  }

  @Test
  void theOpenApiDocumentListsTheFloodlightEndpoints() {
    JsonNode paths = get("/netserv/v1/openapi.json").get("paths");
    assertThat(paths.has("/wm/core/switch/{dpid}/{type}/json")).isTrue();
    assertThat(paths.has("/wm/routing/paths/{src}/{dst}/{count}/json")).isTrue();
    assertThat(paths.get("/wm/device").get("get").get("summary").asText()).isNotBlank();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/wm/core/switch/00:00:00:00:00:5e:ff:ff/flow/json, 404",
      "/wm/core/switch/00:00:00:00:00:5e:ff:ff/role/json, 404",
      "/wm/core/switch/not-a-dpid/flow/json, 400",
      "/wm/core/switch/00:00:01/port/json, 400",
      "/wm/core/switch/{dpid1}/no-such-stat/json, 404",
      "/wm/routing/path/00:00:00:00:00:5e:ff:ff/1/{dpid3}/1/json, 404",
      "/wm/routing/path/xyz/1/{dpid3}/1/json, 400",
      "/wm/routing/path/{dpid1}/x/{dpid3}/1/json, 400",
      "/wm/routing/paths/{dpid1}/{dpid3}/zero/json, 400",
      "/wm/device/?mac=00:00:00:00:01, 400",
      "/wm/device/?vlan=5000, 400",
      "/wm/core/switch/00:00:00:00:00:5e:ff:ff/group-features/json, 404",
      "/wm/core/switch/{dpid10}/group-features/json, 400",
      "/wm/core/switch/bad/queue/json, 400",
      "/wm/statistics/bandwidth/not-a-dpid/all/json, 400",
      "/wm/statistics/bandwidth/00:00:00:00:00:5e:ff:ff/all/json, 404",
      "/wm/statistics/bandwidth/{dpid1}/99/json, 404",
      "/wm/statistics/bandwidth/{dpid1}/-1/json, 400",
      "/wm/statistics/bandwidth/all/x/json, 400"})
  void aBadOrUnknownIdIsAJsonError(String path, int status) throws Exception {
    HttpResponse<String> response = send(path);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.has("error")).isTrue();
    assertThat(body.get("detail").asText()).isNotBlank();
  }

  @Test
  void groupFeaturesListWhatOpenVSwitchSupports() {
    JsonNode body = get("/wm/core/switch/{dpid1}/group-features/json");

    assertThat(body.get("version").asText()).isEqualTo("OF_13");
    JsonNode features = body.get("group_features");
    assertThat(features.get("types")).extracting(JsonNode::asText).contains("ALL", "SELECT", "INDIRECT", "FF");
    assertThat(features.get("capabilities")).extracting(JsonNode::asText).isNotEmpty();
    for (String field : List.of("max_groups_all", "max_groups_select", "max_groups_indirect", "max_groups_ff",
        "actions_all", "actions_select", "actions_indirect", "actions_ff")) {
      assertThat(features.get(field).isTextual()).as(field).isTrue();
    }
    assertThat(Long.parseLong(features.get("max_groups_select").asText())).isPositive();
    JsonNode all = get("/wm/core/switch/all/group-features/json");
    assertThat(all.has(dpid1)).isTrue();
    assertThat(all.has(dpid10)).as("an OpenFlow 1.0 switch has no groups").isFalse();
    assertThat(send("/wm/core/switch/{dpid10}/group-features/json").body()).contains("OpenFlow 1.0");
  }

  @Test
  void queueStatisticsOfSwitchesWithoutQueuesAreEmptyLists() {
    JsonNode body = get("/wm/core/switch/{dpid1}/queue/json");

    assertThat(body.get("version").asText()).isEqualTo("OF_13");
    assertThat(body.get("queues").isArray()).isTrue();
    assertThat(body.get("queues")).isEmpty();
    assertThat(get("/wm/core/switch/all/queue/json").get(dpid1).get("queues")).isEmpty();
  }

  @Test
  void theStatisticsCollectorMeasuresTrafficBetweenTwoHostsWhileEnabled() {
    assertThat(send("POST", "/wm/statistics/config/enable/json").statusCode()).as("a write without a token")
        .isEqualTo(401);
    HttpResponse<String> enabled = send("PUT", "/wm/statistics/config/enable/json", "Authorization", "Bearer " + TOKEN);
    assertThat(enabled.body()).isEqualTo("{\"statistics-collection\":\"enabled\"}");
    assertThat(send("POST", "/wm/statistics/config/bogus/json", "Authorization", "Bearer " + TOKEN).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "/wm/statistics/config/disable/json").statusCode()).as("GET changes nothing")
        .isEqualTo(405);
    try {
      // h1 sends into br1's port 1: what it sends, the switch receives there.
      Eventually.waitFor("br1 port 1 to measure traffic from h1", SETTLE, () -> {
        Processes.runAllowingFailure(Duration.ofSeconds(10), "ip", "netns", "exec", namespaces.get(0), "ping", "-q",
            "-c", "15", "-i", "0.1", "-s", "1200", subnet + "3");
        JsonNode port = get("/wm/statistics/bandwidth/{dpid1}/1/json");
        return port.size() == 1 && Long.parseLong(port.get(0).get("bits-per-second-rx").asText()) > 0;
      });
      JsonNode entry = get("/wm/statistics/bandwidth/{dpid1}/1/json").get(0);
      assertThat(entry.get("dpid").asText()).isEqualTo(dpid1);
      assertThat(entry.get("port").asText()).isEqualTo("1");
      assertThat(entry.get("updated").asText()).matches("\\w{3} \\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4}");
      assertThat(Long.parseLong(entry.get("link-speed-bits-per-second").asText())).isNotNegative();
      assertThat(Long.parseLong(entry.get("bits-per-second-tx").asText())).isPositive(); // the replies
      assertThat(get("/wm/statistics/bandwidth/{dpid1}/all/json")).hasSizeGreaterThanOrEqualTo(2);
      assertThat(get("/wm/statistics/bandwidth/all/1/json")).extracting(e -> e.get("dpid").asText()).contains(dpid1,
          dpid3);
    } finally {
      HttpResponse<String> disabled = send("POST", "/wm/statistics/config/disable/json", "Authorization",
          "Bearer " + TOKEN);
      assertThat(disabled.body()).isEqualTo("{\"statistics-collection\":\"disabled\"}");
    }
    assertThat(get("/wm/statistics/bandwidth/all/all/json")).isEmpty();
  }

  @Test
  void theControllerDescribesItsRoleModulesAndStores() {
    JsonNode role = get("/wm/core/role/json");
    assertThat(role.get("role").asText()).isEqualTo("ACTIVE");
    assertThat(role.get("role-change-description").asText()).contains("standalone");
    assertThat(role.has("role-change-date-time")).isTrue();

    JsonNode loaded = get("/wm/core/module/loaded/json");
    JsonNode rest = loaded.get(RestModule.class.getName());
    assertThat(rest.get("loaded").asBoolean()).isTrue();
    assertThat(rest.get("depends").get(SwitchService.class.getName()).asText()).doesNotContain("<");
    assertThat(loaded.get("org.netservof.controller.statistics.StatisticsModule").get("provides")
        .get("org.netservof.controller.api.statistics.StatisticsService").asText()).endsWith("StatisticsManager");
    JsonNode all = get("/wm/core/module/all/json");
    assertThat(all.size()).isGreaterThan(loaded.size());
    JsonNode steering = all.get("org.netservof.bridge.steering.SteeringModule");
    assertThat(steering).as("steering is on the class path").isNotNull();
    assertThat(steering.get("loaded").asBoolean()).isFalse();

    assertThat(get("/wm/core/storage/tables/json")).extracting(JsonNode::asText).contains("audit");
  }

  @Test
  void switchClustersAreTheConnectedIslands() {
    JsonNode clusters = get("/wm/topology/switchclusters/json");

    assertThat(clusters.get(dpid1)).extracting(JsonNode::asText).hasSize(3).contains(dpid1, dpid3);
    assertThat(clusters.get(dpid10)).extracting(JsonNode::asText).containsExactly(dpid10);
    assertThat(get("/wm/topology/broadcastdomainports/json")).isEmpty();
  }

  @Test
  void aListedOriginMayCallFromABrowserAndNoOtherMay() {
    HttpResponse<String> preflight = send("OPTIONS", "/wm/staticflowpusher/json", "Origin", TRUSTED,
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");
    assertThat(preflight.statusCode()).as("a preflight carries no token").isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TRUSTED);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
        h -> assertThat(h).containsIgnoringCase("authorization"));
    HttpResponse<String> read = send("GET", "/wm/core/controller/switches/json", "Origin", TRUSTED);
    assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TRUSTED);
    assertThat(read.headers().firstValue("Vary")).hasValue("Origin");
    assertThat(read.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

    for (String hostile : List.of("null", TRUSTED + ".evil", "http://trusted.example", "https://evil.example")) {
      HttpResponse<String> refused = send("OPTIONS", "/wm/core/controller/switches/json", "Origin", hostile,
          "Access-Control-Request-Method", "GET");
      assertThat(refused.statusCode()).as(hostile).isEqualTo(403);
      assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).as(hostile).isEmpty();
      assertThat(send("GET", "/wm/core/controller/switches/json", "Origin", hostile).headers()
          .firstValue("Access-Control-Allow-Origin")).as(hostile).isEmpty();
    }
  }

  private static JsonNode capture(String name) throws IOException {
    try (InputStream in = FloodlightApiIT.class.getResourceAsStream("/floodlight-captures/" + name)) {
      assertThat(in).as("capture " + name).isNotNull();
      return JSON.readTree(in);
    }
  }

  static HttpResponse<String> send(String path) {
    return send("GET", path);
  }

  /** A request without a body; {@code headers} are name, value pairs. */
  static HttpResponse<String> send(String method, String path, String... headers) {
    String resolved = path.replace("{dpid1}", dpid1).replace("{dpid3}", dpid3).replace("{dpid10}", dpid10)
        .replace("{subnet}", subnet);
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(resolved)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(method + " " + resolved + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** GET that must answer 200 with JSON. */
  static JsonNode get(String path) {
    HttpResponse<String> response = send(path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).as("GET %s: %s %s", path, response.headers().map(),
        response.body()).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " answered no JSON: " + response.body(), e);
    }
  }
}
