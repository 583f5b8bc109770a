package org.netservof.rest.netserv;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ReconcileService;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.controller.testing.Processes;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.rest.server.RestModule;
import org.netservof.rest.testing.EventStream;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A repair by steering's audit, seen from outside: an entry with steering's cookie put on a real Open vSwitch
 * bridge by hand is deleted, and {@code GET /netserv/v1/events} streams a {@code reconcile} event that names the
 * switch, the reason and the repair, and the switch's repair counters count it.
 */
class ReconcileEventsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private List<String> events = List.of();
  private Controller controller;
  private OvsBridge bridge;

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void anExtraneousEntryIsDeletedAndTheRepairStreamedAsAReconcileEvent(@TempDir Path dir) throws Exception {
    long id = 0x7ec1000L + (System.nanoTime() & 0xfff);
    DatapathId dpid = DatapathId.of(id);
    bridge = new OvsBridge("nsrev", id, "OpenFlow13");
    for (int port = 1; port <= 3; port++) {
      bridge.addVethPort(port);
    }
    // The REST module streams steering's events when the deployment module runs too.
    Files.writeString(dir.resolve("controller.yaml"), """
        of-listen: 127.0.0.1:0
        rest-listen: 127.0.0.1:0
        store-path: %s
        modules: [steering, deployments, rest]
        steering:
          reconcile-interval: 1s
          nodes: [{id: n1, pool: p, dpid: "%s", port: 3, mac: "0a:00:00:00:00:33", weight: 1}]
        """.formatted(dir.resolve("store"), dpid));
    controller = Controller.start(Optional.of(dir.resolve("controller.yaml")), Map.of());
    controller.service(SteeringAdminService.class).register(new ServiceRequest("sip", Filter.of(Protocol.UDP)
        .withDstPorts(PortRange.single(5060)), "p", SteeringMode.PROACTIVE, Optional.empty())).get(30, TimeUnit.SECONDS);
    follow("/netserv/v1/events");
    bridge.setController("tcp:127.0.0.1:" + controller.openFlowAddress().getPort());
    Eventually.waitFor("steering's classifiers on the bridge", WAIT,
        () -> bridge.dumpFlows("OpenFlow13").stream().anyMatch(l -> l.contains("tp_dst=5060")));

    Processes.run("ovs-ofctl", "-O", "OpenFlow13", "add-flow", bridge.name,
        "cookie=0x1000004d00000002,priority=20000,udp,tp_dst=9999,actions=drop");

    try {
      Eventually.waitFor("a reconcile event for the stray entry", WAIT, () -> events.stream().anyMatch(
          e -> e.startsWith("reconcile ") && e.contains("\"deleted\":1") && e.contains("service 77")));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the stream had " + events, e);
    }
    assertThat(events).filteredOn(e -> e.startsWith("reconcile ") && e.contains("service 77")).first().asString()
        .contains("\"dpid\":\"" + dpid + "\"").contains("\"reason\":\"periodic audit\"").contains("not in intent");
    assertThat(bridge.dumpFlows("OpenFlow13")).noneSatisfy(l -> assertThat(l).contains("tp_dst=9999"));
    assertThat(controller.service(ReconcileService.class).repairs().get(dpid).deleted()).isGreaterThanOrEqualTo(1);
    // The audit log has it too, under the controller's name, beside the operators' writes.
    var address = controller.module(RestModule.class).orElseThrow().address();
    String audit = http.send(HttpRequest.newBuilder(URI.create("http://" + address.getHostString() + ":"
        + address.getPort() + "/netserv/v1/audit")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(audit).contains("\"operator\":\"controller\"").contains("\"method\":\"reconcile\"")
        .contains("switch " + dpid).contains("service 77");
  }

  private void follow(String path) throws Exception {
    events = EventStream.follow(http, controller.module(RestModule.class).orElseThrow().address(), path, null, WAIT)
        .events;
  }
}
