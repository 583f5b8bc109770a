package org.netservof.rest.netserv;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.controller.testing.Processes;
import org.netservof.rest.server.RestModule;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * {@code GET /metrics} of a running controller with a real Open vSwitch bridge, over real HTTP: frames sent into
 * the bridge's port come up as PacketIns and the PacketIn counter and its handling histogram rise; REST requests
 * count under their route templates; reads need the token when the configuration says so; and {@code promtool
 * check metrics} (Prometheus's own checker) accepts the exposition.
 */
class ControllerMetricsIT {
  private static final String TOKEN = "metrics-token-0123456789abcdef";
  private static final Duration SETTLE = Duration.ofSeconds(20);
  /** Sends N broadcast frames of an experimental EtherType, each from its own source MAC, out of an interface. */
  private static final String SEND_FRAMES = "import socket, sys\n"
      + "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\n"
      + "s.bind((sys.argv[1], 0))\n"
      + "for i in range(int(sys.argv[2])):\n"
      + "    s.send(b'\\xff' * 6 + bytes([2, 0x4d, 0, 0, int(sys.argv[3]), i]) + b'\\x88\\xb5' + bytes(46))\n";
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path dir;

  @Test
  void packetInsRestRequestsAndTheSwitchShowUpInAValidExpositionBehindTheReadToken() throws Exception {
    long dpid = 0x5e0000L + ThreadLocalRandom.current().nextInt(1, 0xffff);
    String sw = "switch=\"" + DatapathId.of(dpid) + "\"";
    try (Controller controller = start(); OvsBridge bridge = new OvsBridge("nsm", dpid, "OpenFlow13")) {
      String base = "http://127.0.0.1:" + controller.module(RestModule.class).orElseThrow().address().getPort();
      String free = bridge.addVethPort(1);
      bridge.setController("tcp:127.0.0.1:" + controller.openFlowAddress().getPort());
      Eventually.waitFor("the bridge to connect", SETTLE,
          () -> controller.service(SwitchService.class).getSwitch(DatapathId.of(dpid)).isPresent());

      assertThat(get(base + "/metrics", null).statusCode()).as("reads need the token").isEqualTo(401);
      sendFrames(free, 40, 1);
      Eventually.waitFor("PacketIns to be counted", SETTLE, () -> packetIns(base, sw) >= 1);
      double first = packetIns(base, sw);
      sendFrames(free, 40, 2);
      Eventually.waitFor("the PacketIn counter to rise", SETTLE, () -> packetIns(base, sw) > first);

      assertThat(get(base + "/wm/core/controller/switches/json", TOKEN).statusCode()).isEqualTo(200);
      assertThat(get(base + "/netserv/v1/services/424242", TOKEN).statusCode()).isBetween(400, 599);
      // Jersey counts a request once its response went out: the last one may be counted a moment after.
      Eventually.waitFor("the requests to be counted", SETTLE,
          () -> scrape(base).contains("route=\"/netserv/v1/services/{id}\""));
      HttpResponse<String> metrics = get(base + "/metrics", TOKEN);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("text/plain").contains("version=0.0.4"));
      String scrape = metrics.body();
      assertThat(value(scrape, "netserv_openflow_packet_in_handling_seconds_count")).isPositive();
      assertThat(scrape).contains("netserv_openflow_packet_in_handling_seconds_bucket{le=\"1.0E-4\"}")
          .contains("netserv_openflow_messages_out_total{" + sw + ",type=\"flow_mod\"}")
          .contains("netserv_openflow_messages_in_total{" + sw + ",type=\"features_reply\"} 1")
          .contains("netserv_switches{role=\"equal\"} 1").contains("process_cpu_seconds_total ")
          .contains("netserv_rest_requests_total{method=\"GET\",route=\"/wm/core/controller/switches/json\","
              + "status=\"200\"} 1")
          .contains("netserv_rest_requests_total{method=\"GET\",route=\"/metrics\",status=\"401\"} 1")
          .contains("route=\"/netserv/v1/services/{id}\"")
          .doesNotContain("424242");
      assertThat(promtool(scrape)).as("promtool check metrics").isEmpty();
    }
  }

  private Controller start() throws Exception {
    Path token = Files.writeString(dir.resolve("ops.token"), TOKEN + "\n");
    Path config = Files.writeString(dir.resolve("controller.yaml"), "of-listen: 127.0.0.1:0\n"
        + "rest-listen: 127.0.0.1:0\nmodules: [forwarding, rest]\nstore-path: " + dir.resolve("store") + "\n"
        + "rest-reads-need-token: true\nrest-tokens:\n  - name: ops\n    token-file: " + token + "\n");
    return Controller.start(Optional.of(config), Map.of());
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private double packetIns(String base, String sw) {
    String series = "netserv_openflow_messages_in_total{" + sw + ",type=\"packet_in\"}";
    String scrape = scrape(base);
    return scrape.contains(series + " ") ? value(scrape, series) : 0;
  }

  private String scrape(String base) {
    try {
      return get(base + "/metrics", TOKEN).body();
    } catch (Exception e) {
      throw new IllegalStateException("GET /metrics failed: " + e.getMessage(), e);
    }
  }

  private static void sendFrames(String iface, int count, int batch) {
    Processes.run("/usr/bin/python3", "-c", SEND_FRAMES, iface, String.valueOf(count), String.valueOf(batch));
  }

  /** What {@code promtool check metrics} says of the exposition: nothing when it is valid. */
  private String promtool(String scrape) throws Exception {
    Path file = Files.writeString(dir.resolve("scrape.txt"), scrape);
    Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    String said = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.exitValue()).as("promtool check metrics: " + said).isZero();
    return said;
  }

  private static double value(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + scrape));
  }
}
