package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.cli.CtlMain;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.Processes;
import org.netservof.rest.server.RestModule;

/**
 * Every {@code netserv ctl} subcommand against the real controller, its REST API, two Open vSwitch switches
 * in Mininet and a real node agent: {@code h1 -- [1] s1 [2] -- [3] s2 [1] -- h2}, node n1 on s1 port 11. The
 * tables are read back by their headers and checked row by row; exit codes are 0 done, 1 the API refused,
 * 2 bad usage. The tests share one network and run in order (services before the node is drained).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CtlIT {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final String TOKEN = ServiceNodes.OPERATOR_TOKEN;
  private static final String S1 = "00:00:00:00:00:00:00:01";
  private static final String S2 = "00:00:00:00:00:00:00:02";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  private static ManagementNetwork management;
  private static ServiceNodes serviceNodes;
  private static Controller controller;
  private static MininetNetwork net;
  private static String base;

  /** One run of the client: its exit code, what it printed, and its table read back by the headers. */
  record Ctl(int exit, String out, String err) {
    List<Map<String, String>> rows() {
      List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as("a table with a header: " + out + err).isNotEmpty();
      String header = lines.get(0);
      List<Integer> starts = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String name : header.split(" {2,}")) {
        starts.add(header.indexOf(name, starts.isEmpty() ? 0 : starts.get(starts.size() - 1) + 1));
        names.add(name);
      }
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          int from = Math.min(starts.get(i), line.length());
          int to = i + 1 < names.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
          row.put(names.get(i), line.substring(from, to).strip());
        }
        rows.add(row);
      }
      return rows;
    }

    /** A FIELD / VALUE table as a map. */
    Map<String, String> fields() {
      Map<String, String> out = new LinkedHashMap<>();
      rows().forEach(r -> out.put(r.get("FIELD"), r.get("VALUE")));
      return out;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    management = new ManagementNetwork();
    serviceNodes = new ServiceNodes(management, dir);
    controller = serviceNodes.startNetServController("10.0.0.2");
    base = "http://127.0.0.1:" + controller.module(RestModule.class).orElseThrow().address().getPort();
    net = new MininetNetwork("127.0.0.1:" + controller.openFlowAddress().getPort(), "OpenFlow13",
        "--topo", "steering", "--switches", "2", "--nodes", "1", "--management", management.scenarioArgument());
    net.awaitHostPorts(controller, WAIT);
    serviceNodes.startAgents(net, controller);
    JsonNode udp = net.command(Duration.ofMinutes(1), "udp", Map.of("src", "h1", "dst", "h2", "dport", 5060,
        "flows", 2, "packets", 2, "sport_base", 30000, "ports", "5060"));
    assertThat(udp.get("received").get("5060").get("packets").asInt()).as("h1 reaches h2").isEqualTo(4);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (net != null) {
        net.close();
      }
    } finally {
      if (controller != null) {
        controller.close();
      }
      if (serviceNodes != null) {
        serviceNodes.close();
      }
      if (management != null) {
        management.close();
      }
    }
  }

  private static Ctl ctl(String... args) {
    return ctlWithInput("", args);
  }

  private static Ctl ctlWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = Map.of("NETSERV_URL", base, "NETSERV_TOKEN", TOKEN);
    int exit = new CtlMain(env::get, new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        new PrintWriter(out), new PrintWriter(err), Clock.systemUTC()).run(args);
    System.out.println("ctl " + String.join(" ", args) + " -> " + exit + "\n" + out + err);
    return new Ctl(exit, out.toString(), err.toString());
  }

  private static Ctl ok(String... args) {
    Ctl c = ctl(args);
    assertThat(c.exit()).as("exit of ctl %s: %s", Arrays.toString(args), c.err()).isZero();
    return c;
  }

  private static void refused(int exit, String message, String... args) {
    Ctl c = ctl(args);
    assertThat(c.exit()).as("exit of ctl %s", Arrays.toString(args)).isEqualTo(exit);
    assertThat(c.err()).contains(message);
  }

  @Test
  @Order(1)
  void theFabricReadsShowTheSwitchesLinksHostsAndFlows() throws Exception {
    assertThat(ok("switches").rows()).extracting(r -> r.get("DPID")).containsExactly(S1, S2);
    assertThat(ok("switches").rows()).allSatisfy(r -> assertThat(r.get("ADDRESS")).contains("127.0.0.1"));
    JsonNode json = JSON.readTree(ok("--json", "switches").out());
    assertThat(json).hasSize(2);

    assertThat(ok("links").rows()).anySatisfy(r -> assertThat(r).containsEntry("SRC-SWITCH", S1)
        .containsEntry("SRC-PORT", "2").containsEntry("DST-SWITCH", S2).containsEntry("DST-PORT", "3"));
    assertThat(ok("hosts").rows()).anySatisfy(r -> assertThat(r).containsEntry("IPV4", "10.0.0.1")
        .containsEntry("MAC", "0a:00:00:00:00:01").containsEntry("ATTACHED-TO", S1 + "/1"));
    assertThat(ok("hosts").rows()).anySatisfy(r -> assertThat(r).containsEntry("IPV4", "10.0.0.2")
        .containsEntry("ATTACHED-TO", S2 + "/1"));

    List<Map<String, String>> flows = ok("flows", S1).rows();
    assertThat(flows).isNotEmpty().allSatisfy(r -> assertThat(r.get("SWITCH")).isEqualTo(S1));
    assertThat(flows).anySatisfy(r -> assertThat(r).containsEntry("PRIORITY", "0"));
    assertThat(ok("flows").rows()).extracting(r -> r.get("SWITCH")).contains(S1, S2);
    refused(1, "error:", "flows", "00:00:00:00:00:00:00:99");
  }

  @Test
  @Order(2)
  void staticEntriesAreAddedListedDeletedAndCleared() throws Exception {
    Path entry = dir.resolve("entry.json");
    Files.writeString(entry, "{\"switch\": \"" + S1 + "\", \"name\": \"ctl-pin\", \"priority\": \"40000\", "
        + "\"eth_type\": \"0x0800\", \"ipv4_dst\": \"10.99.0.1\", \"active\": \"true\", \"actions\": \"output=2\"}");
    assertThat(ok("entries", "add", entry.toString()).out()).contains("Entry pushed");
    assertThat(ok("entries").rows()).singleElement().satisfies(r -> assertThat(r).containsEntry("SWITCH", S1)
        .containsEntry("NAME", "ctl-pin").containsEntry("TYPE", "flow").containsEntry("PRIORITY", "40000")
        .containsEntry("ACTIONS", "output=2"));
    assertThat(ok("entries", "list", S1).rows()).extracting(r -> r.get("NAME")).containsExactly("ctl-pin");
    assertThat(ok("entries", "list", S2).out().lines().count()).as("only the header").isEqualTo(1);
    Eventually.waitFor("the pinned flow on s1", WAIT, () -> ctl("flows", S1).rows().stream()
        .anyMatch(r -> "40000".equals(r.get("PRIORITY"))));

    assertThat(ok("entries", "delete", "ctl-pin").out()).contains("ctl-pin deleted");
    assertThat(ok("entries").out().lines().count()).isEqualTo(1);
    ctlWithInput(Files.readString(entry), "entries", "add", "-");
    assertThat(ok("static", "list").rows()).hasSize(1);
    assertThat(ok("entries", "clear", "all").exit()).isZero();
    assertThat(ok("entries").out().lines().count()).isEqualTo(1);

    Files.writeString(entry, "{\"name\": \"no-switch\", \"actions\": \"output=2\"}");
    refused(1, "error:", "entries", "add", entry.toString());
    Files.writeString(entry, "{\"switch\": ");
    refused(2, "is not JSON", "entries", "add", entry.toString());
    refused(2, "Missing required parameter", "entries", "clear");
  }

  @Test
  @Order(3)
  void aServiceIsCreatedShownRefreshedListedAndDeleted() throws Exception {
    ModuleInstall netMonitor = serviceNodes.install("alice", "NetMonitor", Map.of());
    Path service = dir.resolve("service.json");
    Files.writeString(service, "{\"name\": \"monitor\", \"filter\": {\"protocol\": \"udp\", \"dst\": "
        + "\"10.0.0.2/32\", \"dstPorts\": \"5060\"}, \"pool\": \"pool\", \"mode\": \"reactive\", \"ttlSeconds\": 600, "
        + "\"user\": \"alice\", \"module\": {\"name\": \"" + netMonitor.module() + "\", \"url\": \""
        + netMonitor.url() + "\", \"sha256\": \"" + netMonitor.sha256() + "\"}}");
    Map<String, String> created = ok("services", "create", service.toString()).rows().get(0);
    String id = created.get("ID");
    assertThat(created).containsEntry("NAME", "monitor").containsEntry("USER", "alice")
        .containsEntry("FILTER", "udp *->10.0.0.2/32:5060").containsEntry("POOL", "pool")
        .containsEntry("MODE", "reactive").containsEntry("STATE", "active").containsEntry("NODES", "n1");
    assertThat(created.get("EXPIRES")).isNotEqualTo("-");

    assertThat(ok("services").rows()).singleElement().satisfies(r -> assertThat(r).containsEntry("ID", id)
        .containsEntry("NAME", "monitor"));
    assertThat(ok("services", "show", id).fields()).containsEntry("id", id).containsEntry("name", "monitor")
        .containsEntry("module.name", "NetMonitor_1.0").containsEntry("user", "alice");
    Map<String, String> refreshed = ok("services", "refresh", id, "--ttl", "900").rows().get(0);
    assertThat(refreshed).containsEntry("ID", id).containsEntry("STATE", "active");
    assertThat(ok("pools").rows()).anySatisfy(r -> assertThat(r.get("NAME")).isEqualTo("pool"));
    assertThat(ok("pools", "show", "pool").fields()).containsEntry("name", "pool").containsValue("n1");
    assertThat(ok("users").rows()).singleElement().satisfies(r -> assertThat(r).containsEntry("NAME", "alice")
        .containsEntry("MAX-SERVICES", "2"));

    refused(1, "404", "services", "show", "9999");
    refused(1, "404", "services", "refresh", "9999", "--ttl", "60");
    refused(2, "--ttl", "services", "refresh", id);
    refused(2, "--ttl must be positive", "services", "refresh", id, "--ttl", "0");
    refused(2, "cannot read", "services", "create", dir.resolve("missing.json").toString());

    assertThat(ok("services", "delete", id).out()).contains("deleted service " + id);
    assertThat(ok("services").out().lines().count()).as("only the header").isEqualTo(1);
    refused(1, "404", "services", "delete", id);
  }

  @Test
  @Order(4)
  void nodesAndUsersAreShownAndANodeIsDrained() {
    assertThat(ok("nodes").rows()).singleElement().satisfies(r -> assertThat(r).containsEntry("ID", "n1")
        .containsEntry("POOL", "pool").containsEntry("ATTACHED-TO", S1 + "/11")
        .containsEntry("STATE", "healthy"));
    assertThat(ok("nodes").rows().get(0).get("STATUS")).contains("node agent registered");
    assertThat(ok("nodes").rows().get(0).get("ADDRESS")).startsWith(management.controllerIp()
        .substring(0, management.controllerIp().lastIndexOf('.') + 1));
    assertThat(ok("nodes", "show", "n1").fields()).containsEntry("id", "n1").containsEntry("pool", "pool");
    assertThat(ok("users", "show", "alice").fields()).containsEntry("name", "alice")
        .containsEntry("maxServices", "2");
    refused(1, "404", "users", "show", "nobody");
    refused(1, "404", "nodes", "show", "n9");
    refused(1, "409", "nodes", "delete", "n1");
    refused(1, "404", "nodes", "drain", "n9");

    assertThat(ok("nodes", "drain", "n1").rows()).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("ID", "n1").containsEntry("STATE", "draining"));
    assertThat(ok("nodes").rows().get(0)).containsEntry("STATE", "draining");
  }

  @Test
  @Order(5)
  void theEventStreamAndTheAuditLogSayWhatHappened() throws Exception {
    Ctl events = ok("events", "--count", "1");
    assertThat(events.out().lines().toList()).singleElement().satisfies(l -> assertThat(l.split(" ", 3)[1])
        .isEqualTo("hello"));
    assertThat(JSON.readTree(ok("--json", "events", "--count", "1").out()).isObject()).isTrue();

    List<Map<String, String>> audit = ok("audit", "--since", "0", "--limit", "100").rows();
    assertThat(audit).anySatisfy(r -> assertThat(r).containsEntry("OPERATOR", "ops").containsEntry("METHOD", "POST")
        .containsEntry("PATH", "/netserv/v1/services").containsEntry("STATUS", "201"));
    assertThat(audit).anySatisfy(r -> assertThat(r).containsEntry("METHOD", "POST")
        .containsEntry("PATH", "/netserv/v1/nodes/n1/drain").containsEntry("STATUS", "200"));
    assertThat(ok("audit", "--limit", "1").rows()).hasSize(1);
    String last = audit.get(audit.size() - 1).get("SEQ");
    assertThat(ok("audit", "--since", last).out().lines().count()).as("nothing after the last").isEqualTo(1);
  }

  @Test
  @Order(6)
  void badUsageExitsTwoAndTheLauncherClassPathRunsTheClient() {
    refused(2, "Unmatched argument", "nosuch");
    refused(2, "duration", "--timeout", "soon", "switches");
    refused(2, "Unmatched argument", "nodes", "bogus");
    refused(2, "Missing required parameter", "services", "show");
    assertThat(ctl().exit()).as("no command: usage").isEqualTo(2);

    // What ./netserv ctl runs: the class path of mininet/target/lib, in a JVM of its own.
    Processes.Result r = Processes.runAllowingFailure(Duration.ofSeconds(60),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        MininetScenario.root().resolve("mininet/target/lib") + "/*", CtlMain.class.getName(), "--url", base,
        "switches");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).contains(S1).contains(S2);
  }
}
