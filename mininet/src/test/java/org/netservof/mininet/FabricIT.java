package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The controller on multi-switch Mininet fabrics (OVS userspace datapath, OpenFlow 1.3): discovery finds
 * exactly the cables, every host reaches every other, a ring survives a cut on the active path, and a host
 * that moves is found at its new place.
 */
class FabricIT {
  private static final Duration DISCOVERY = Duration.ofSeconds(30);
  private Controller controller;
  private LogCapture log;
  private final AtomicLong firstSwitchNanos = new AtomicLong();
  private final AtomicLong lastSwitchNanos = new AtomicLong();
  private final AtomicLong lastLinkAddedNanos = new AtomicLong();

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\n"
        + "store-path: " + dir.resolve("store") + "\n");
    log = new LogCapture();
    controller = Controller.start(Optional.of(config), Map.of());
    controller.service(SwitchService.class).addListener(new SwitchListener() {
      @Override
      public void switchAdded(OFSwitch sw) {
        firstSwitchNanos.compareAndSet(0, System.nanoTime());
        lastSwitchNanos.set(System.nanoTime());
      }
    });
    controller.service(LinkService.class).addListener(events -> {
      if (events.stream().anyMatch(e -> e.type() == org.netservof.controller.api.fabric.LinkEvent.Type.ADDED)) {
        lastLinkAddedNanos.set(System.nanoTime());
      }
    });
  }

  @AfterEach
  void stop() {
    controller.close();
    List<String> problems = log.problems();
    log.close();
    assertThat(problems).as("controller warnings and errors").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"linear, --switches, 4", "tree, --depth, 2", "ring, --switches, 4"})
  void discoveryFindsExactlyTheCablesAndPingallLosesNothing(String topo, String option, String value)
      throws Exception {
    try (MininetNetwork net = new MininetNetwork(address(), "OpenFlow13", "--topo", topo, option, value)) {
      long discoveredAfterMs = awaitFabric(net);
      System.out.printf("%s: fabric discovered %d ms after the first switch connected, %d ms after the last%n",
          topo, discoveredAfterMs, discoveredAfterMs - (lastSwitchNanos.get() - firstSwitchNanos.get()) / 1_000_000);
      assertThat(controller.service(LinkService.class).links()).isEqualTo(net.expectedLinks());

      long packetInsBefore = controller.service(OFMessageService.class).dispatched(OFType.PACKET_IN);
      JsonNode result = net.command(Duration.ofMinutes(3), "pingall", Map.of("timeout", 2));
      long packetIns = controller.service(OFMessageService.class).dispatched(OFType.PACKET_IN) - packetInsBefore;
      System.out.printf("%s: pingall %.1f%% loss in %.2f s; %d PacketIns (%.0f/s)%n", topo,
          result.get("loss").asDouble(), result.get("seconds").asDouble(), packetIns,
          packetIns / result.get("seconds").asDouble());

      assertThat(result.get("loss").asDouble()).as("pingall loss %").isZero();
      assertThat(controller.service(HostService.class).hosts()).hasSize(net.description().get("hosts").size());
      for (Host h : controller.service(HostService.class).hosts()) {
        assertThat(controller.service(TopologyService.class).current().isEdgePort(h.attachment())).isTrue();
      }
      assertThat(controller.service(LinkService.class).links()).isEqualTo(net.expectedLinks());
    }
  }

  @Test
  void aRingSurvivesACutOnTheActivePathAndTrafficGoesTheOtherWay() throws Exception {
    try (MininetNetwork net = new MininetNetwork(address(), "OpenFlow13", "--topo", "ring", "--switches", "4")) {
      awaitFabric(net);
      // h1 (s1) to h2 (s2): the one cheapest path is the s1-s2 cable; the other way is s1-s4-s3-s2.
      assertThat(pingsAnswered(net, "h1", "h2", 3)).isEqualTo(3);
      net.command(Duration.ofSeconds(30), "stream_start", Map.of("src", "h1", "dst", "h2", "interval", 0.01));
      Thread.sleep(1000);
      net.command(Duration.ofSeconds(30), "link", Map.of("a", "s1", "b", "s2", "status", "down"));
      Eventually.waitFor("the cut cable to leave the topology", DISCOVERY, () ->
          controller.service(LinkService.class).links().size() == net.expectedLinks().size() - 2);
      Thread.sleep(2000);
      JsonNode stream = net.command(Duration.ofSeconds(30), "stream_stop", Map.of());
      System.out.printf("ring cut: %d sent, %d received, longest gap %.1f ms (ping interval %.0f ms)%n",
          stream.get("sent").asInt(), stream.get("received").asInt(), stream.get("max_gap_ms").asDouble(),
          stream.get("interval_ms").asDouble());

      assertThat(stream.get("received").asInt()).isGreaterThan(stream.get("sent").asInt() / 2);
      // After the cut, the stream's frames cross s4 and s3: their entries for h2 count packets.
      MacAddress h2 = MacAddress.of(net.description().get("hosts").get("h2").get("mac").asText());
      for (String other : List.of("s4", "s3")) {
        List<String> flows = flows(net, other);
        assertThat(flows).as("forwarding entries on %s", other).anySatisfy(f -> assertThat(f)
            .contains("dl_dst=" + h2).doesNotContain("n_packets=0"));
      }
      // And a fresh ping still works.
      assertThat(pingsAnswered(net, "h2", "h1", 3)).isEqualTo(3);
    }
  }

  @Test
  void aHostMovedToAnotherSwitchIsReachableAtItsNewPlace() throws Exception {
    try (MininetNetwork net = new MininetNetwork(address(), "OpenFlow13", "--topo", "linear", "--switches", "4")) {
      awaitFabric(net);
      assertThat(net.command(Duration.ofMinutes(3), "pingall", Map.of("timeout", 2)).get("loss").asDouble()).isZero();
      MacAddress h1 = MacAddress.of(net.description().get("hosts").get("h1").get("mac").asText());
      assertThat(controller.service(HostService.class).byMac(h1).orElseThrow().attachment())
          .isEqualTo(net.attachment("h1"));

      JsonNode moved = net.command(Duration.ofSeconds(30), "move", Map.of("host", "h1", "to", "s4"));
      SwitchPort newPlace = SwitchPort.of(moved.get("dpid").asLong(), moved.get("port").asInt());
      // The others reach it at once (its old place is gone, so frames to it are flooded until it answers).
      assertThat(pingsAnswered(net, "h2", "h1", 5)).isGreaterThan(0);
      Eventually.waitFor("h1 at its new place", DISCOVERY, () -> controller.service(HostService.class).byMac(h1)
          .map(h -> h.attachment().equals(newPlace)).orElse(false));
      assertThat(pingsAnswered(net, "h1", "h3", 3)).isEqualTo(3);
      assertThat(pingsAnswered(net, "h3", "h1", 3)).isEqualTo(3);
    }
  }

  @Test
  void lldpFromAHostReachesNoOtherHostAndAForgedProbeMakesNoLink() throws Exception {
    try (MininetNetwork net = new MininetNetwork(address(), "OpenFlow13", "--topo", "linear", "--switches", "3")) {
      awaitFabric(net);
      LinkService links = controller.service(LinkService.class);
      long rejectedBefore = links.rejectedProbes();
      // h1 (on s1) claims to be s3's port 2, in the probe's own format: a fake link s3/2 -> s1/1 would follow.
      JsonNode sent = net.command(Duration.ofSeconds(30), "send_lldp", Map.of("host", "h1", "dpid",
          net.dpid("s3"), "port", 2));
      assertThat(sent.get("heard_by")).as("hosts that received the LLDP frame").isEmpty();
      Eventually.waitFor("the forged probe to be counted", DISCOVERY, () -> links.rejectedProbes() > rejectedBefore);
      assertThat(links.links()).isEqualTo(net.expectedLinks());
      assertThat(links.isLinkPort(net.attachment("h1"))).isFalse();
    }
  }

  /**
   * Waits for every cable and every host port to be known; returns the time from the first switch
   * connecting to the link event that completed the fabric, in ms.
   */
  private long awaitFabric(MininetNetwork net) {
    Set<org.netservof.policy.fabric.Link> expected = net.expectedLinks();
    Set<SwitchPort> hostPorts = java.util.stream.StreamSupport.stream(
        net.description().get("hosts").spliterator(), false)
        .map(h -> SwitchPort.of(h.get("dpid").asLong(), h.get("port").asInt())).collect(Collectors.toSet());
    Eventually.waitFor("discovery of " + expected.size() + " directed links", DISCOVERY,
        () -> controller.service(LinkService.class).links().containsAll(expected));
    long discovered = lastLinkAddedNanos.get();
    Eventually.waitFor("host ports out of quarantine", DISCOVERY,
        () -> controller.service(TopologyService.class).current().edgePorts().containsAll(hostPorts));
    return (discovered - firstSwitchNanos.get()) / 1_000_000;
  }

  private static List<String> flows(MininetNetwork net, String sw) throws Exception {
    JsonNode flows = net.command(Duration.ofSeconds(30), "flows", Map.of("switch", sw)).get("flows");
    return java.util.stream.StreamSupport.stream(flows.spliterator(), false).map(JsonNode::asText).toList();
  }

  private String address() {
    return "127.0.0.1:" + controller.openFlowAddress().getPort();
  }

  /** Pings {@code count} times from one host to another; returns how many were answered. */
  private static int pingsAnswered(MininetNetwork net, String src, String dst, int count) throws Exception {
    return net.command(Duration.ofMinutes(1), "ping", Map.of("src", src, "dst", dst, "count", count))
        .get("received").asInt();
  }
}
