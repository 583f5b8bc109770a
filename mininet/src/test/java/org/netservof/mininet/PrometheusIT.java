package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netservof.mininet.SignalClient.setup;
import static org.netservof.mininet.SignalClient.signal;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
import org.netservof.controller.testing.LogCapture;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.rest.server.RestModule;

/**
 * A real Prometheus scrapes a controller that steers real traffic (Open vSwitch in Mininet, a node agent, alice's
 * signaled service, capped at 400 kbps) and is asked through its own HTTP API: the PacketIn counter rises, the
 * service's packet counter is what the switch's flow statistics say, and alice's meter drops rise when she sends
 * well over her cap, as the events stream's {@code violation} events say too. {@code promtool check metrics} accepts
 * what the controller exposes.
 */
class PrometheusIT {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final String PACKET_INS = "sum(netserv_openflow_messages_in_total{type=\"packet_in\"})";
  private static final String ALICE_DROPS = "sum(netserv_user_meter_drops_total{user=\"alice\"})";
  @TempDir
  Path dir;
  private final LogCapture log = new LogCapture();
  private ServiceNodes serviceNodes;
  private Controller controller;
  private PrometheusServer prometheus;

  @BeforeEach
  void fixture() throws Exception {
    serviceNodes = new ServiceNodes(dir);
  }

  @AfterEach
  void stop() {
    List<String> unexpected = log.unexpected(line -> line.contains("lost: its channel closed"));
    if (prometheus != null) {
      prometheus.close();
    }
    if (controller != null) {
      controller.close();
    }
    serviceNodes.close();
    log.close();
    assertThat(unexpected).as("controller warnings and errors").isEmpty();
  }

  @Test
  void prometheusSeesPacketInsAServicesPacketsAsTheSwitchCountsThemAndAUserOverItsCap() throws Exception {
    Path aliceKey = dir.resolve("alice.key");
    SignalKeys.generate(aliceKey);
    controller = serviceNodes.startController("modules: [forwarding, steering, nodes, signaling, rest]\n"
        + "service-stats-interval: 1s\nsignaling:\n  domain: d1\n  pool: pool\n  mode: proactive\n"
        + "users:\n  - name: alice\n    public-key-file: " + SignalKeys.publicFile(aliceKey) + "\n"
        + "    filter-prefixes: [" + FabricTraffic.USER_HOST + "/32]\n    protocols: [udp]\n    max-services: 2\n"
        + "    max-rate-kbps: 400\n");
    String rest = "127.0.0.1:" + controller.module(RestModule.class).orElseThrow().address().getPort();
    prometheus = PrometheusServer.start(dir.resolve("prometheus"), rest); // starts while the network comes up
    try (MininetNetwork net = serviceNodes.steeringNetwork(controller, 1, "1")) {
      serviceNodes.startAgents(net, controller);
      ModuleInstall netMonitor = serviceNodes.install("alice", "NetMonitor", Map.of());
      prometheus.awaitFirstScrape(WAIT);
      double packetInsBefore = prometheus.value(PACKET_INS).orElse(0);
      double dropsBefore = prometheus.value(ALICE_DROPS).orElse(0);

      List<String> events = new RestClient("http://" + rest).follow("/netserv/v1/events");
      assertThat(signal(net, "setup", aliceKey, setup(netMonitor, 600)).get("exit").asInt()).isZero();
      int service = controller.service(SteeringService.class).services().get(0).id();
      // About 2000 packets of 1000 bytes in about a second: some 16 Mb/s, forty times her cap.
      net.command(Duration.ofMinutes(1), "udp", Map.of("src", "h1", "dst", "h2", "dport", 5060, "flows", 4,
          "packets", 500, "sport_base", 33000, "ports", "5060", "size", 1000));

      prometheus.awaitValue("alice's meter drops rising", ALICE_DROPS, v -> v > dropsBefore, WAIT);
      Eventually.waitFor("a violation event for alice on the events stream", WAIT, () -> events.stream()
          .anyMatch(e -> e.startsWith("violation ") && e.contains("\"user\":\"alice\"")));
      System.out.println(events.stream().filter(e -> e.startsWith("violation ")).findFirst().orElseThrow());
      // Traffic has stopped: once the controller has read the switch again and Prometheus has scraped that, the
      // service's counter is the switch's count for the service's entries.
      long onSwitch = servicePacketsOnSwitch(net, service);
      assertThat(onSwitch).as("packets the switch counted for service %d", service).isPositive();
      prometheus.awaitValue("service " + service + "'s packets as the switch counts them (" + onSwitch + ")",
          "netserv_service_packets_total{service=\"" + service + "\",user=\"alice\"}", v -> v == onSwitch, WAIT);
      assertThat(servicePacketsOnSwitch(net, service)).as("the switch's count did not move meanwhile")
          .isEqualTo(onSwitch);

      HttpResponse<String> scraped = new RestClient("http://" + rest).get("/metrics");
      List<String> check = PrometheusServer.promtoolCheck(scraped.body());
      assertThat(check.get(0)).as("promtool check metrics' exit code; it said: %s", check.get(1)).isEqualTo("0");

      // From the metrics-core helper's branch (OpenFlow messages by type and switch): asserted last.
      prometheus.awaitValue("the PacketIn counter rising", PACKET_INS, v -> v > packetInsBefore, WAIT);
    }
  }

  /**
   * What {@code ovs-ofctl dump-flows s1 cookie=SERVICE/MASK} counts: the packets of every entry whose cookie names
   * steering and the service (its classifiers; proactive services have no other entries of their own).
   */
  private static long servicePacketsOnSwitch(MininetNetwork net, int service) throws Exception {
    long want = new Cookie(CookieOwner.STEERING, service, 0, 0).value().getValue();
    long mask = Cookie.serviceMask().getValue();
    long sum = 0;
    for (var f : net.command(WAIT, "flows", Map.of("switch", "s1")).get("flows")) {
      String line = f.asText();
      long cookie = Long.parseUnsignedLong(line.substring("cookie=0x".length(), line.indexOf(',')), 16);
      if ((cookie & mask) == want) {
        int at = line.indexOf("n_packets=") + "n_packets=".length();
        sum += Long.parseLong(line.substring(at, line.indexOf(',', at)));
      }
    }
    return sum;
  }
}
