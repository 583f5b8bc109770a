package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.LinkRefusal;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.RecordingLinkListener;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;

/**
 * Link fabrication on real Open vSwitch: two hosts on different switches pass each other every LLDP probe
 * the controller sends them (the real, signed probes, relayed at once). No link appears through them, each
 * direction raises a {@link LinkRefusal} naming the host's port, and the genuine links stay.
 */
class LldpRelayIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void twoHostsRelayingRealProbesMakeNoLinkAndEachDirectionIsReported(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nmodules: [forwarding]\n"
        + "store-path: " + dir.resolve("store") + "\n");
    RecordingLinkListener recorded = new RecordingLinkListener();
    List<LinkRefusal> refusals = recorded.refusals;
    try (LogCapture log = new LogCapture();
        Controller controller = Controller.start(Optional.of(config), Map.of());
        MininetNetwork net = new MininetNetwork("127.0.0.1:" + controller.openFlowAddress().getPort(), "OpenFlow13",
            "--topo", "linear", "--switches", "3")) {
      LinkService links = controller.service(LinkService.class);
      links.addListener(recorded);
      SwitchPort h1 = net.attachment("h1");
      SwitchPort h3 = net.attachment("h3");
      Eventually.waitFor("the cables discovered and the host ports out of quarantine", WAIT,
          () -> links.links().containsAll(net.expectedLinks())
              && controller.service(TopologyService.class).current().edgePorts().containsAll(List.of(h1, h3)));
      assertThat(net.command(Duration.ofMinutes(1), "pingall", Map.of("timeout", 2)).get("loss").asDouble()).isZero();
      assertThat(controller.service(HostService.class).hosts()).extracting(h -> h.attachment()).contains(h1, h3);

      net.command(Duration.ofSeconds(30), "lldp_relay_start", Map.of("a", "h1", "b", "h3"));
      // Three probe rounds relayed each way: on the unchanged code the first one made the link.
      Eventually.waitFor("probes relayed both ways", WAIT, () -> relayedEachWay(net) >= 3);
      Eventually.waitFor("a refusal each way", WAIT, () -> refusals.stream().map(LinkRefusal::hostPort)
          .distinct().count() == 2);
      JsonNode relayed = net.command(Duration.ofSeconds(30), "lldp_relay_stop", Map.of());
      System.out.printf("relayed %s; %d refusals; probe counts %s; latencies %s%n", relayed, refusals.size(),
          links.probeCounts(), links.linkInfo().values().stream().map(i -> i.latency().toMillis() + "ms").toList());

      assertThat(links.links()).as("links after the relay").isEqualTo(net.expectedLinks());
      assertThat(links.isLinkPort(h1) || links.isLinkPort(h3)).as("a host port became a link port").isFalse();
      assertThat(refusals).extracting(LinkRefusal::link).contains(new Link(h1, h3), new Link(h3, h1));
      assertThat(refusals).extracting(LinkRefusal::hostPort).containsOnly(h1, h3);
      assertThat(links.probeCounts().refused()).isEqualTo(refusals.size());
      assertThat(controller.service(HostService.class).hosts()).extracting(h -> h.attachment()).contains(h1, h3);
      assertThat(log.unexpected(p -> p.contains("LinkDiscoveryManager: switch ") && p.contains(": no link ")))
          .as("controller warnings and errors besides the refusals").isEmpty();
    }
  }

  /** The fewer of the frames relayed either way so far. */
  private static int relayedEachWay(MininetNetwork net) {
    try {
      JsonNode n = net.command(Duration.ofSeconds(10), "lldp_relay_stats", Map.of());
      return Math.min(n.get("a_to_b").asInt(), n.get("b_to_a").asInt());
    } catch (Exception e) {
      throw new IllegalStateException("mininet did not report the relay: " + e.getMessage(), e);
    }
  }
}
