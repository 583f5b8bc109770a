package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.mininet.MininetNetwork;
import org.netservof.mininet.ServiceNodes;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.Protocol;
import org.projectfloodlight.openflow.protocol.OFType;

/**
 * Ping round-trip time from h1 to h2 through a steered path against the direct path, on a Mininet fabric with
 * real Open vSwitch (userspace datapath), the controller in this JVM and one real service node: h1 on s1, h2
 * and the node n1 on s2. The service steers ICMP from h1 to h2 (filters select ICMP, so no UDP echo is
 * needed) through NetMonitor on n1, in reactive mode; the echo replies come back on the direct path.
 *
 * <p>First packets. Forwarding in this fabric is reactive too: a MAC pair gets its route when one of its
 * frames reaches the controller. So the direct path's first packet also goes through the controller, unless
 * an earlier packet left its route installed; a direct first packet on a warm route would compare a
 * controller round trip with none. Both first packets are therefore of fresh flows: routes idle out after
 * 1 s, h1 and h2 know each other's MAC statically (an ARP exchange would install routes of its own), and
 * before each first packet the bench waits until neither switch holds an entry for h1 or h2. The direct
 * first packet then costs a PacketIn for the request and one for the reply; the steered one the
 * classifier's PacketIn (node placement, steering entries) and whatever the return from the node and the
 * reply need. The steered first packet is the first after registering the service. Forwarding confirms a new
 * route with barriers before sending its frame on and steering does not, so the steered first packet may
 * well be the faster one; the note says so.
 *
 * <p>Steady: right after each first packet, a run of pings at 10 ms intervals on the now installed entries;
 * the median over all rounds. A warm-up round of both paths comes first and is not counted.
 */
final class SteeredPathRtt {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String USER = "bench";
  private static final String MODULE = "NetMonitor";
  private static final Filter H1_TO_H2 = Filter.of(Protocol.ICMP).withSrc("10.0.0.1/32").withDst("10.0.0.2/32");
  private static final String DIRECT = "direct path";

  private final int rounds;
  private final int pings;

  SteeredPathRtt(int rounds, int pings) {
    this.rounds = rounds;
    this.pings = pings;
  }

  /** One path's samples over the rounds. */
  private record Samples(List<Double> first, List<Double> steady, List<Long> firstPacketIns, List<Integer> lost) {
    Samples() {
      this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    int received() {
      return first.size() + steady.size();
    }

    String describe() {
      return "first " + first.stream().map(v -> String.format("%.2f", v)).toList() + " ms (PacketIns "
          + firstPacketIns + "), steady " + steady.size() + " replies, " + lost.stream().mapToInt(i -> i).sum()
          + " lost";
    }
  }

  /** The fabric, its controller and its node, for one measurement. */
  private record Fabric(MininetNetwork net, SteeringAdminService steering, OFMessageService messages) {}

  void measure(Path work, Report report) throws Exception {
    try (ServiceNodes nodes = new ServiceNodes(work);
        Controller controller = nodes.startController("forwarding:\n  idle-timeout: 1s\n");
        MininetNetwork net = nodes.steeringNetwork(controller, 2, "2")) {
      nodes.startAgents(net, controller);
      controller.service(NodeAgentService.class).install("n1", nodes.install(USER, MODULE, Map.of()))
          .get(60, TimeUnit.SECONDS);
      prepareHosts(net);
      Fabric fabric = new Fabric(net, controller.service(SteeringAdminService.class),
          controller.service(OFMessageService.class));

      Samples direct = new Samples();
      Samples steered = new Samples();
      oneRound(fabric, new Samples(), new Samples()); // warm-up: the JIT compiles both paths' controller code
      for (int round = 0; round < rounds; round++) {
        oneRound(fabric, direct, steered);
      }
      checkThroughNode(controller.service(NodePoolService.class), steered);
      report(report, direct, steered);
    }
  }

  /** h1 and h2 learnt by the fabric, then no ARP and no IPv6 between them: their only frames are the pings. */
  private static void prepareHosts(MininetNetwork net) throws Exception {
    net.command(WAIT, "ping", Map.of("src", "h1", "dst", "h2", "count", 2));
    for (String[] pair : new String[][] {{"h1", "h2"}, {"h2", "h1"}}) {
      net.command(WAIT, "sysctl", Map.of("host", pair[0], "setting", "net.ipv6.conf.all.disable_ipv6=1"));
      net.command(WAIT, "static_arp", Map.of("host", pair[0], "peer", pair[1]));
    }
  }

  private void oneRound(Fabric fabric, Samples direct, Samples steered) throws Exception {
    waitForFreshFlows(fabric.net());
    ping(fabric, direct);
    waitForFreshFlows(fabric.net());
    ServiceInfo service = fabric.steering().register(new ServiceRequest("rtt", H1_TO_H2, "pool",
        SteeringMode.REACTIVE, Optional.empty(), Optional.of(USER))).get(30, TimeUnit.SECONDS);
    try {
      ping(fabric, steered);
    } finally {
      fabric.steering().remove(service.id()).get(30, TimeUnit.SECONDS);
    }
  }

  /** One first ping, then the steady run right behind it. */
  private void ping(Fabric fabric, Samples into) throws Exception {
    long packetInsBefore = fabric.messages().dispatched(OFType.PACKET_IN);
    JsonNode first = fabric.net().command(WAIT, "ping_rtts", Map.of("src", "h1", "dst", "h2", "count", 1,
        "wait", 2));
    into.firstPacketIns().add(fabric.messages().dispatched(OFType.PACKET_IN) - packetInsBefore);
    first.get("rtts_ms").forEach(v -> into.first().add(v.asDouble()));
    JsonNode steady = fabric.net().command(WAIT, "ping_rtts", Map.of("src", "h1", "dst", "h2", "count", pings,
        "interval", 0.01, "wait", 1));
    steady.get("rtts_ms").forEach(v -> into.steady().add(v.asDouble()));
    into.lost().add(first.get("lost").asInt() + steady.get("lost").asInt());
  }

  /** Waits until no switch holds an entry for h1 or h2 (their routes idled out, the service's entries went). */
  private static void waitForFreshFlows(MininetNetwork net) {
    List<String> marks = List.of("0a:00:00:00:00:01", "0a:00:00:00:00:02", "10.0.0.1,", "10.0.0.2,", "10.0.0.1 ",
        "10.0.0.2 ");
    Eventually.waitFor("no entry for h1 or h2 left", WAIT, () -> {
      for (String sw : List.of("s1", "s2")) {
        try {
          for (JsonNode flow : net.command(WAIT, "flows", Map.of("switch", sw)).get("flows")) {
            String text = flow.asText() + " ";
            if (marks.stream().anyMatch(text::contains)) {
              return false;
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException("could not read " + sw + "'s flows", e);
        }
      }
      return true;
    });
  }

  /** Every steered echo request that was answered passed n1's NetMonitor, or the steered figures are void. */
  private static void checkThroughNode(NodePoolService nodes, Samples steered) {
    long expected = steered.received();
    try {
      Eventually.waitFor("NetMonitor on n1 counting " + expected + " steered echo requests", Duration.ofSeconds(15),
          () -> monitored(nodes) >= expected);
    } catch (AssertionError e) {
      throw new IllegalStateException("the steered pings did not all pass the node: NetMonitor counted "
          + monitored(nodes) + " packets, " + expected + " answered pings were steered (and the warm-up's)", e);
    }
  }

  private static long monitored(NodePoolService nodes) {
    return nodes.node("n1").flatMap(NodeView::agent).stream().flatMap(a -> a.containers().stream())
        .filter(c -> c.user().equals(USER))
        .flatMap(c -> c.modules().stream())
        .filter(m -> m.name().equals(MODULE + "_1.0"))
        .mapToLong(m -> ((Number) m.report().getOrDefault("packets", 0)).longValue())
        .sum();
  }

  private void report(Report report, Samples direct, Samples steered) {
    if (direct.first().isEmpty() || steered.first().isEmpty() || direct.steady().isEmpty()
        || steered.steady().isEmpty()) {
      throw new IllegalStateException("pings went unanswered: direct " + direct.describe() + "; steered "
          + steered.describe());
    }
    report.add("first-packet RTT h1-h2, fresh flow, median of " + rounds, "ms",
        Stats.median(steered.first()), DIRECT, Stats.median(direct.first()), false);
    report.add("steady RTT h1-h2, median of " + rounds + "x" + pings + " pings", "ms",
        Stats.median(steered.steady()), DIRECT, Stats.median(direct.steady()), false);
    report.note("RTT rows: pings 10 ms apart; ours is ICMP from h1 steered (reactive) through NetMonitor on a real node on s2, "
        + "the peer the same pings without a service; both first packets go through the controller (forwarding "
        + "is reactive too): routes idle out after 1 s and the bench waits until no entry for h1 or h2 is left; "
        + "forwarding confirms a new route's entries downstream of the first switch with a barrier before it "
        + "sends the frame on, reactive steering writes its entry and the frame together, so a steered first "
        + "packet can beat a direct one (its request crosses s1 on the steering entry, only the node-to-h2 leg "
        + "is a new route)");
    report.note("steered: " + steered.describe() + "; direct: " + direct.describe()
        + " (PacketIns: all the controller dispatched during the first ping)");
  }
}
