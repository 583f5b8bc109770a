package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.mininet.MininetNetwork;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * Steering, reactive against proactive, on a Mininet fabric with real Open vSwitch: the time from
 * registering a service to the first packet of a running stream reaching the node, and how fast new
 * flows get placed on the node (reactive: each flow's first packet goes through the controller;
 * proactive: the switch places it). h1 on s1 sends, the node and h2 are on s2.
 */
record SteeringBench(int flows, int rounds) {
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final int[] RATES = {500, 1000, 2000, 4000, 8000};

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("steering", "reactive", "proactive", machine);
    Path config = work.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nmodules: [forwarding, steering]\n"
        + "store-path: " + work.resolve("store") + "\n"
        + "steering:\n  flow-idle-timeout: 60s\n");
    try (Controller controller = Controller.start(Optional.of(config), Map.of());
        MininetNetwork net = MininetNetwork.steering(controller, "OpenFlow13", 2, "2", Optional.empty())) {
      SteeringAdminService steering = controller.service(SteeringAdminService.class);
      prepare(controller, net);
      firstPackets(report, net, steering);
      sustainedRates(report, net, steering, controller.service(OFMessageService.class));
    }
    report.finish(machine.finish());
    return report;
  }

  /** Discovery done, the stand-in node n1 registered and healthy, h1 and h2 known to the fabric. */
  private static void prepare(Controller controller, MininetNetwork net) throws Exception {
    Eventually.waitFor("discovery", WAIT, () -> controller.service(LinkService.class).links()
        .containsAll(net.expectedLinks()));
    net.command(WAIT, "nodes_start", Map.of());
    controller.service(NodePoolAdminService.class).addNode(new NodeSpec("n1", "pool", net.attachment("n1"),
        MacAddress.of(net.description().get("hosts").get("n1").get("mac").asText()), 1));
    Eventually.waitFor("node healthy", WAIT, () -> controller.service(NodePoolService.class).nodes()
        .stream().allMatch(n -> n.healthy()));
    // Teach the fabric h1 and h2 before measuring (ARP, routes).
    net.command(WAIT, "ping", Map.of("src", "h1", "dst", "h2", "count", 2));
  }

  private void firstPackets(Report report, MininetNetwork net, SteeringAdminService steering) throws Exception {
    List<Double> firstReactive = new ArrayList<>();
    List<Double> firstProactive = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      firstReactive.add(registrationToFirstPacket(net, steering, SteeringMode.REACTIVE, round));
      firstProactive.add(registrationToFirstPacket(net, steering, SteeringMode.PROACTIVE, round));
    }
    report.add("registration to the first packet at the node, median", "ms", Stats.median(firstReactive),
        Stats.median(firstProactive), false);
    report.note("first packet (ms) reactive " + firstReactive + ", proactive " + firstProactive);
  }

  /**
   * New flows offered at rising rates, one packet each: the highest rate the node still gets every flow of
   * (at most 1% lost) is the sustainable flow setup rate of each mode.
   */
  private void sustainedRates(Report report, MininetNetwork net, SteeringAdminService steering,
      OFMessageService messages) throws Exception {
    Map<SteeringMode, Double> sustained = new java.util.EnumMap<>(SteeringMode.class);
    int sportBase = 10000;
    for (SteeringMode mode : SteeringMode.values()) {
      StringBuilder ladder = new StringBuilder(mode + " offered flows/s -> placed flows/s (lost):");
      sustained.put(mode, 0.0);
      for (int rate : RATES) {
        long packetInsBefore = messages.dispatched(OFType.PACKET_IN);
        double[] result = offer(net, steering, mode, rate, sportBase);
        long packetIns = messages.dispatched(OFType.PACKET_IN) - packetInsBefore;
        sportBase += flows;
        ladder.append(String.format(" %d -> %.0f (%d lost, %d PacketIns);", rate, result[0], (int) result[1],
            packetIns));
        if (result[1] <= flows * 0.01) {
          sustained.put(mode, result[0]);
        }
      }
      report.note(ladder.toString());
    }
    report.add("new flows placed per second with at most 1% lost (" + flows + " UDP flows, 1 packet each)",
        "flows/s", sustained.get(SteeringMode.REACTIVE), sustained.get(SteeringMode.PROACTIVE), true);
  }

  /**
   * A stream of 1 packet per 0.5 ms runs; the service is registered; how long until the node saw the first
   * 5060 packet, in ms, by the node's clock against ours (one machine, one clock).
   */
  private double registrationToFirstPacket(MininetNetwork net, SteeringAdminService steering, SteeringMode mode,
      int round) throws Exception {
    net.command(WAIT, "udp_background", Map.of("src", "h1", "dst", "h2", "dport", 5060, "packets", 40000,
        "gap", 0.0005, "sport_base", 40000 + round * 2 + (mode == SteeringMode.REACTIVE ? 0 : 1)));
    Thread.sleep(500);
    double seenBefore = firstSeen(net).orElse(Double.NaN);
    double registeredAt = System.currentTimeMillis() / 1000.0;
    ServiceInfo service = steering.register(new ServiceRequest("bench", SIP, "pool", mode, Optional.empty()))
        .get(30, TimeUnit.SECONDS);
    double[] first = {Double.NaN};
    Eventually.waitFor("the first steered packet", WAIT, () -> {
      try {
        double seen = firstSeen(net).orElse(Double.NaN);
        if (!Double.isNaN(seen) && (Double.isNaN(seenBefore) || seen != seenBefore)) {
          first[0] = seen;
          return true;
        }
        return false;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    net.command(WAIT, "udp_background_stop", Map.of());
    steering.remove(service.id()).get(30, TimeUnit.SECONDS);
    net.command(WAIT, "nodes_reset", Map.of());
    return (first[0] - registeredAt) * 1000;
  }

  /**
   * Offers {@code flows} new flows, one packet each, at {@code rate} flows per second; returns the flows
   * placed per second (from the sender's start to the node seeing its last new flow, one machine, one clock)
   * and how many flows never reached the node.
   */
  private double[] offer(MininetNetwork net, SteeringAdminService steering, SteeringMode mode, int rate, int sportBase)
      throws Exception {
    ServiceInfo service = steering.register(new ServiceRequest("bench", SIP, "pool", mode, Optional.empty()))
        .get(30, TimeUnit.SECONDS);
    JsonNode sent = net.command(Duration.ofMinutes(5), "udp", Map.of("src", "h1", "dst", "h2", "dport", 5060,
        "flows", flows, "packets", 1, "sport_base", sportBase, "settle", 0.2, "gap", 1.0 / rate));
    // Wait until the node saw every flow, or stopped seeing new ones.
    JsonNode counts = null;
    int last = -1;
    for (int i = 0; i < 30; i++) {
      counts = net.command(WAIT, "node_counts", Map.of()).get("n1");
      int seen = counts.path("flows").path("udp/5060").asInt();
      if (seen >= flows || seen == last) {
        break;
      }
      last = seen;
      Thread.sleep(500);
    }
    int seen = counts.path("flows").path("udp/5060").asInt();
    double seconds = counts.path("last_new_flow").path("udp/5060").asDouble() - sent.get("started_at").asDouble();
    steering.remove(service.id()).get(30, TimeUnit.SECONDS);
    net.command(WAIT, "nodes_reset", Map.of());
    return new double[] {seen / seconds, flows - seen};
  }

  private static Optional<Double> firstSeen(MininetNetwork net) throws Exception {
    JsonNode first = net.command(WAIT, "node_counts", Map.of()).get("n1").path("first").path("udp/5060");
    return first.isMissingNode() ? Optional.empty() : Optional.of(first.asDouble());
  }
}
