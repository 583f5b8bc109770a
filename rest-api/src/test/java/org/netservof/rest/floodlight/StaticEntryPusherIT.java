package org.netservof.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchListener;
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
 * The static entry pusher over real HTTP, against an in-process controller ({@code forwarding} and
 * {@code rest}) and a real Open vSwitch bridge on OpenFlow 1.3, with the JSON Floodlight's documentation
 * shows: entries land in the switch's tables, refused entries change nothing, clear removes them, a switch
 * that comes back gets them again, and writes need a token.
 */
class StaticEntryPusherIT {
  private static final Duration CONNECT = Duration.ofSeconds(20);
  private static final String TOKEN = "static-entry-pusher-test-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Controller controller;
  private static SwitchService switches;
  private static URI base;
  /** Switches whose set-up is written (switchAdded), as a REST client would see them in the switch list. */
  private static final Set<DatapathId> announced = ConcurrentHashMap.newKeySet();
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // as curl: the JDK client would otherwise try an h2c upgrade
      .connectTimeout(Duration.ofSeconds(5)).build();
  private OvsBridge bridge;
  private String dpid;
  private LogCapture log;

  @BeforeAll
  static void startController(@TempDir Path dir) throws Exception {
    Ovs.ensureRunning();
    Path token = dir.resolve("operator.token");
    Files.writeString(token, TOKEN + "\n");
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, String.join("\n",
        "of-listen: 127.0.0.1:0",
        "store-path: " + dir.resolve("store"),
        "rest-listen: 127.0.0.1:0",
        "modules: [forwarding, rest]",
        "rest-tokens:",
        "  - name: tester",
        "    scope: admin",
        "    token-file: " + token,
        ""));
    controller = Controller.start(Optional.of(config), Map.of());
    switches = controller.service(SwitchService.class);
    switches.addListener(new SwitchListener() {
      @Override
      public void switchAdded(OFSwitch sw) {
        announced.add(sw.id());
      }

      @Override
      public void switchRemoved(DatapathId id) {
        announced.remove(id);
      }
    });
    var address = controller.module(RestModule.class).orElseThrow().address();
    base = URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  @AfterAll
  static void stopController() {
    if (controller != null) {
      controller.close();
    }
  }

  @BeforeEach
  void connectABridge() {
    log = new LogCapture();
    long id = 0x5e9000L + (System.nanoTime() & 0xfff);
    bridge = new OvsBridge("nssep", id, "OpenFlow13");
    bridge.addVethPort(1);
    bridge.addVethPort(2);
    bridge.addVethPort(3);
    dpid = DatapathId.of(id).toString();
    connect();
  }

  @AfterEach
  void removeTheBridge() throws Exception {
    try {
      send("DELETE", "/wm/staticentrypusher/clear/all/json", null, TOKEN); // the store is shared by the tests
      bridge.close();
      List<String> problems = log.unexpected(p -> p.contains("refused") || p.contains("UNKNOWN_GROUP")
          || p.contains("OFPGMFC") || p.contains("BAD_OUT_GROUP") || p.contains("GROUP_MOD_FAILED")
          || p.contains("FLOW_MOD_FAILED") || p.contains("BAD_ACTION"));
      assertThat(problems).as("warnings and errors in the controller log").isEmpty();
    } finally {
      log.close();
    }
  }

  @Test
  void aFlowAndASelectGroupInFloodlightsJsonLandInTheSwitchAndTheList() throws Exception {
    HttpResponse<String> group = send("POST", "/wm/staticentrypusher/json", selectGroup("grp-pool", 1), TOKEN,
        "application/json");
    assertThat(group.statusCode()).as(group.body()).isEqualTo(200);
    assertThat(JSON.readTree(group.body()).get("status").asText()).isEqualTo("Entry pushed");
    HttpResponse<String> flow = post(floodlightFlow("flow-1"));
    assertThat(flow.statusCode()).as(flow.body()).isEqualTo(200);
    HttpResponse<String> toPool = post("{\"switch\": \"" + dpid + "\", \"name\": \"to-pool\", \"priority\": \"40000\","
        + " \"in_port\": \"3\", \"eth_type\": \"0x0800\", \"ipv4_dst\": \"10.0.0.3\", \"active\": \"true\","
        + " \"instruction_apply_actions\": \"group=1\", \"idle_timeout\": \"0\", \"cookie\": \"0\"}");
    assertThat(toPool.statusCode()).as(toPool.body()).isEqualTo(200);

    assertThat(bridge.dumpFlows("OpenFlow13"))
        // OVS leaves out the default priority, 32768.
        .anySatisfy(l -> assertThat(l).contains(" ip,in_port=1,nw_dst=10.0.0.2").doesNotContain("priority=")
            .contains("actions=output:2").contains("cookie=0x20"))
        .anySatisfy(l -> assertThat(l).contains("cookie=0x0,").contains("priority=40000,ip,in_port=3,nw_dst=10.0.0.3")
            .contains("actions=group:1"));
    assertThat(dumpGroups()).anySatisfy(l -> assertThat(l).contains("group_id=1").contains("type=select")
        .contains("actions=output:2"));

    JsonNode all = get("/wm/staticentrypusher/list/all/json");
    JsonNode mine = all.get(dpid);
    assertThat(mine).isNotNull();
    assertThat(mine.findValuesAsText("group_number")).containsExactly("1");
    JsonNode flowView = mine.findValue("flow-1");
    assertThat(flowView.get("priority").asText()).isEqualTo("32768");
    assertThat(flowView.get("match").get("ipv4_dst").asText()).isEqualTo("10.0.0.2");
    assertThat(flowView.get("instructions").get("instruction_apply_actions").get("actions").asText())
        .isEqualTo("output=2");
    assertThat(mine.findValue("to-pool").get("cookie").asText()).isEqualTo("0");
    assertThat(get("/wm/staticentrypusher/list/" + dpid + "/json").get(dpid)).hasSize(3);
    assertThat(get("/netserv/v1/openapi.json").toString()).contains("/wm/staticentrypusher/list/{switch}/json")
        .contains("/wm/staticentrypusher/clear/{switch}/json");
  }

  @Test
  void invalidPushesGetAClientErrorAndChangeNothing() throws Exception {
    pushed(selectGroup("grp", 5));
    pushed(floodlightFlow("keep"));
    List<String> flowsBefore = bridge.dumpFlows("OpenFlow13").stream().map(StaticEntryPusherIT::withoutCounters)
        .toList();
    List<String> groupsBefore = dumpGroups();

    expectError(post(floodlightFlow("bad-1").replace("\"in_port\"", "\"in_pork\"")), 400, "in_pork");
    expectError(post(floodlightFlow("bad-2").replace("output=2", "output=two")), 400, "output");
    expectError(post(floodlightFlow("bad-3").replace("output=2", "teleport=2")), 400, "teleport");
    expectError(post(floodlightFlow("bad-4").replace("\"32768\"", "\"99999\"")), 400, "priority");
    expectError(post(floodlightFlow("bad-5").replace(dpid, "00:00:00:00:00:00:ee:ee")), 404, "not connected");
    expectError(post(floodlightFlow("bad-6").replace("\"eth_type\": \"0x0800\",", "")), 400, "eth_type");
    expectError(post("{\"switch\": \"" + dpid + "\", \"name\": "), 400, "malformed JSON");
    // Valid JSON the switch refuses: the switch's error comes back and nothing is kept.
    expectError(post(floodlightFlow("bad-7").replace("output=2", "group=77")), 502, "refused");
    // A change to an existing entry that the switch refuses leaves the old version in place.
    expectError(post(floodlightFlow("keep").replace("output=2", "group=88")), 502, "refused");

    assertThat(bridge.dumpFlows("OpenFlow13").stream().map(StaticEntryPusherIT::withoutCounters).toList())
        .containsExactlyInAnyOrderElementsOf(flowsBefore);
    assertThat(dumpGroups()).containsExactlyInAnyOrderElementsOf(groupsBefore);
    JsonNode listed = get("/wm/staticentrypusher/list/" + dpid + "/json").get(dpid);
    assertThat(listed).hasSize(2);
    assertThat(listed.findValue("keep").get("instructions").get("instruction_apply_actions").get("actions").asText())
        .isEqualTo("output=2");
    assertThat(get("/wm/staticentrypusher/list/all/json").toString()).doesNotContain("bad-");
  }

  @Test
  void clearIsADeleteAndRemovesEverything() throws Exception {
    pushed(selectGroup("grp-c", 2));
    pushed(floodlightFlow("flow-c"));
    pushed(floodlightFlow("flow-d").replace("10.0.0.2", "10.0.0.4"));

    // One by name, as Floodlight's DELETE /json.
    HttpResponse<String> one = send("DELETE", "/wm/staticentrypusher/json", "{\"name\": \"flow-d\"}", TOKEN);
    assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
    assertThat(JSON.readTree(one.body()).get("status").asText()).isEqualTo("Entry flow-d deleted");
    assertThat(bridge.dumpFlows("OpenFlow13")).noneSatisfy(l -> assertThat(l).contains("nw_dst=10.0.0.4"));
    expectError(send("DELETE", "/wm/staticentrypusher/json", "{\"name\": \"flow-d\"}", TOKEN), 404, "flow-d");

    // Floodlight's GET clear changes nothing here and says what to do instead.
    HttpResponse<String> byGet = send("GET", "/wm/staticentrypusher/clear/" + dpid + "/json", null, TOKEN);
    expectError(byGet, 405, "use DELETE");
    assertThat(byGet.headers().firstValue("Allow")).hasValue("DELETE");
    assertThat(dumpGroups()).anySatisfy(l -> assertThat(l).contains("group_id=2"));

    HttpResponse<String> cleared = send("DELETE", "/wm/staticentrypusher/clear/" + dpid + "/json", null, TOKEN);
    assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
    assertThat(JSON.readTree(cleared.body()).get("status").asText())
        .isEqualTo("Deleted all flows/groups for switch " + dpid + ".");
    assertThat(bridge.dumpFlows("OpenFlow13")).noneSatisfy(l -> assertThat(l).contains("nw_dst=10.0.0.2"));
    assertThat(dumpGroups()).isEmpty();
    assertThat(get("/wm/staticentrypusher/list/" + dpid + "/json").get(dpid)).isEmpty();
  }

  @Test
  void entriesAreReinstalledWhenTheSwitchComesBack() throws Exception {
    pushed(selectGroup("grp-r", 3));
    pushed(floodlightFlow("flow-r").replace("output=2", "group=3"));
    DatapathId id = DatapathId.of(bridge.dpid);

    bridge.deleteController();
    Eventually.waitFor("the switch to disconnect", CONNECT, () -> switches.getSwitch(id).isEmpty());
    // Whatever OVS keeps across a controller change, make sure the switch comes back empty.
    Processes.run("ovs-ofctl", "-O", "OpenFlow13", "del-flows", bridge.name);
    Processes.run("ovs-ofctl", "-O", "OpenFlow13", "del-groups", bridge.name);
    assertThat(dumpGroups()).isEmpty();
    connect();

    Eventually.waitFor("the static flow to be back", CONNECT, () -> bridge.dumpFlows("OpenFlow13").stream()
        .anyMatch(l -> l.contains("nw_dst=10.0.0.2") && l.contains("actions=group:3")));
    assertThat(dumpGroups()).anySatisfy(l -> assertThat(l).contains("group_id=3").contains("type=select"));
  }

  @Test
  void writesNeedAToken() throws Exception {
    List<String> before = bridge.dumpFlows("OpenFlow13").stream().map(StaticEntryPusherIT::withoutCounters).toList();

    HttpResponse<String> none = send("POST", "/wm/staticentrypusher/json", floodlightFlow("sneaky"), null);
    expectError(none, 401, "token");
    assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
    expectError(send("POST", "/wm/staticentrypusher/json", floodlightFlow("sneaky"), "wrong-token-wrong-token"),
        401, "token");
    expectError(send("DELETE", "/wm/staticentrypusher/clear/all/json", null, null), 401, "token");

    assertThat(bridge.dumpFlows("OpenFlow13").stream().map(StaticEntryPusherIT::withoutCounters).toList())
        .containsExactlyInAnyOrderElementsOf(before);
    assertThat(get("/wm/staticentrypusher/list/all/json").has(dpid)).isFalse();
  }

  /** Floodlight's older prefix, which its web UI and scripts still call: the same pusher, the same guards. */
  @Test
  void theStaticFlowPusherPrefixIsTheSamePusher() throws Exception {
    expectError(send("POST", "/wm/staticflowpusher/json", floodlightFlow("old-name"), null), 401, "token");
    HttpResponse<String> pushed = send("POST", "/wm/staticflowpusher/json", floodlightFlow("old-name"), TOKEN);
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
    assertThat(JSON.readTree(pushed.body()).get("status").asText()).isEqualTo("Entry pushed");
    assertThat(bridge.dumpFlows("OpenFlow13")).anySatisfy(l -> assertThat(l).contains("nw_dst=10.0.0.2"));
    assertThat(get("/wm/staticflowpusher/list/" + dpid + "/json").get(dpid).get(0).has("old-name")).isTrue();
    assertThat(get("/wm/staticentrypusher/list/" + dpid + "/json").get(dpid).get(0).has("old-name")).isTrue();

    HttpResponse<String> deleted = send("DELETE", "/wm/staticflowpusher/json", "{\"name\": \"old-name\"}", TOKEN);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(bridge.dumpFlows("OpenFlow13")).noneSatisfy(l -> assertThat(l).contains("nw_dst=10.0.0.2"));
    expectError(send("GET", "/wm/staticflowpusher/clear/" + dpid + "/json", null, TOKEN), 405,
        "DELETE /wm/staticflowpusher/clear/");
    pushed(selectGroup("old-group", 4));
    HttpResponse<String> cleared = send("DELETE", "/wm/staticflowpusher/clear/" + dpid + "/json", null, TOKEN);
    assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
    assertThat(dumpGroups()).isEmpty();
    expectError(send("POST", "/wm/staticflowpusher/json", "{\"switch\": \"nonsense\", \"name\": \"x\"}", TOKEN),
        400, "nonsense");
  }

  // ---- helpers ----

  /** Floodlight's documented example flow, on this test's bridge. */
  private String floodlightFlow(String name) {
    return "{\"switch\": \"" + dpid + "\", \"name\": \"" + name + "\", \"priority\": \"32768\", \"in_port\": \"1\","
        + " \"active\": \"true\", \"eth_type\": \"0x0800\", \"ipv4_dst\": \"10.0.0.2\", \"actions\": \"output=2\"}";
  }

  private String selectGroup(String name, int id) {
    return "{\"switch\": \"" + dpid + "\", \"name\": \"" + name + "\", \"entry_type\": \"group\", \"active\": \"true\","
        + " \"group_type\": \"select\", \"group_id\": \"" + id + "\", \"group_buckets\": ["
        + "{\"bucket_id\": \"1\", \"bucket_weight\": \"1\", \"bucket_watch_group\": \"any\","
        + " \"bucket_watch_port\": \"any\", \"bucket_actions\": \"output=2\"}]}";
  }

  private void connect() {
    var of = controller.openFlowAddress();
    bridge.setController("tcp:" + of.getHostString() + ":" + of.getPort());
    DatapathId id = DatapathId.of(bridge.dpid);
    // Announced, not only connected: its set-up (the controller's own entries and meters) is written by then.
    Eventually.waitFor("switch " + id + " to be set up", CONNECT, () -> announced.contains(id));
  }

  /** Pushes an entry the switch must take; a failure shows the controller's answer. */
  private void pushed(String body) throws Exception {
    HttpResponse<String> r = post(body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private HttpResponse<String> post(String body) throws Exception {
    return send("POST", "/wm/staticentrypusher/json", body, TOKEN);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    return send(method, path, body, token, "application/x-www-form-urlencoded");
  }

  /** Sends with a body of {@code contentType}; by default what curl -d sends, as Floodlight's documentation does. */
  private HttpResponse<String> send(String method, String path, String body, String token, String contentType)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expectError(HttpResponse<String> r, int status, String detail) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("detail").asText()).containsIgnoringCase(detail);
  }

  private List<String> dumpGroups() {
    String out = Processes.run("ovs-ofctl", "-O", "OpenFlow13", "dump-groups", bridge.name);
    return Arrays.stream(out.split("\n")).map(String::strip).filter(l -> l.startsWith("group_id=")).toList();
  }

  /** A flow line without its counters and age, which change between two dumps. */
  private static String withoutCounters(String line) {
    return line.replaceAll("duration=[^,]*, ", "").replaceAll("n_packets=\\d+, ", "").replaceAll("n_bytes=\\d+, ", "")
        .replaceAll("idle_age=[^,]*, ", "").replaceAll("hard_age=[^,]*, ", "");
  }
}
