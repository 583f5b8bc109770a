package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netservof.mininet.FabricTraffic.netMonitorPackets;
import static org.netservof.mininet.SignalClient.setup;
import static org.netservof.mininet.SignalClient.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;
import org.netservof.controller.testing.Eventually;

/**
 * The publisher channel on a real node (issue 20, deliver 2): alice runs NetMonitor publishing every 10 packets,
 * then sends the same SETUP with publish-every 7. The node applies it live (same container, no restart, the
 * counters carry on), and the published reports reach her by PROBE modules, REST, the SSE stream and the
 * XML-RPC notification URL of her SETUP (a receiver on the controller's loopback, allowed by notification-urls).
 */
class PublisherChannelIT {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private HttpServer receiver;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private NetServDomain domain;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/RPC2", exchange -> {
      calls.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    domain = NetServDomain.start(dir, "notification-urls: [\"" + rpc() + "\"]\n");
  }

  @AfterEach
  void stop() {
    if (domain != null) {
      domain.close();
    }
    receiver.stop(0);
  }

  private String rpc() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/RPC2";
  }

  @Test
  void aRunningNetMonitorIsUpdatedLiveAndItsReportsReachThePublisherEveryWay() throws Exception {
    try (MininetNetwork net = domain.network("1")) {
      List<String> events = domain.rest().follow("/netserv/v1/events", WAIT);
      ModuleInstall netMonitor = domain.serviceNodes().install("alice", "NetMonitor", Map.of());
      JsonNode setup = signal(net, "setup", domain.aliceKey(), setup(netMonitor, 600, "--properties",
          "publish-every=10", "--notification", rpc()));
      assertThat(setup.get("stdout").asText()).startsWith("NETSERV/0.1 200 OK").contains("installed on n1");
      FabricTraffic.udp(net, 5060, 10, 3, 20000);
      long before = netMonitorPackets(domain.controller(), "n1", "alice");
      Eventually.waitFor("a report published with publish-every 10", WAIT,
          () -> reportsNow().contains("\"publish-every\":10"));

      JsonNode update = signal(net, "setup", domain.aliceKey(), setup(netMonitor, 600, "--properties",
          "publish-every=7", "--notification", rpc()));
      assertThat(update.get("stdout").asText()).as("the same SETUP with other properties")
          .contains("200").contains("updated NetMonitor_1.0 on n1");
      FabricTraffic.udp(net, 5060, 10, 3, 21000);
      Eventually.waitFor("a report published with publish-every 7", WAIT,
          () -> reportsNow().contains("\"publish-every\":7"));
      JsonNode latest = JSON.readTree(reports()).get("reports").get("n1").get("report");
      assertThat(latest.get("packets").asLong()).as("NetMonitor's counters carried on through the update")
          .isGreaterThan(before);
      assertThat(container().restarts()).as("the container was not restarted").isZero();

      JsonNode probe = signal(net, "probe", domain.aliceKey(), "--module", netMonitor.module(), "--probe",
          "modules");
      assertThat(probe.get("stdout").asText()).contains("\"reports\"").contains("\"publish-every\":7");
      Eventually.waitFor("a module.report event on the stream", WAIT, () -> events.stream()
          .anyMatch(e -> e.startsWith("module.report") && e.contains("\"publish-every\":7")));
      Eventually.waitFor("a netserv.report XML-RPC call", WAIT, () -> calls.stream()
          .anyMatch(c -> c.contains("<methodName>netserv.report</methodName>") && c.contains("publish-every")));
      assertThat(domain.rest().send("POST", "/netserv/v1/services/" + serviceId() + "/properties",
          "{\"properties\": {\"publish-every\": \"5\"}}", NetServDomain.TOKEN).body())
          .as("the same update through REST").contains("updated NetMonitor_1.0 on n1");
    }
  }

  /** The REST reports of alice's one service. */
  private String reports() throws Exception {
    return domain.rest().get("/netserv/v1/services/" + serviceId() + "/reports").body();
  }

  /** The reports for a wait: a failed read is no report yet. */
  private String reportsNow() {
    try {
      return reports();
    } catch (Exception e) {
      return "";
    }
  }

  private int serviceId() throws Exception {
    return JSON.readTree(domain.rest().get("/netserv/v1/services").body()).get(0).get("id").asInt();
  }

  private ContainerView container() {
    return domain.controller().service(NodePoolService.class).node("n1").flatMap(NodeView::agent).orElseThrow()
        .containers().stream().filter(c -> c.user().equals("alice")).findFirst().orElseThrow();
  }
}
