package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.testing.Eventually;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * Mark spoofing (issue 14) on Mininet, real Open vSwitch and a real node agent: users it and bob each run a
 * FlowRecorder on n1 (s2 port 11) for their own service (UDP 5060 for it, 5062 for bob), so the fabric has a
 * mark for n1 and one for each user's container. h1 (on s1, one link away) forges frames addressed like the
 * users' traffic and tagged with every mark in use and the VLAN ids around them, right after its plain
 * traffic to h2 gave it a route. None reaches a container: the recorders' counts stay at the legitimate
 * traffic, s1's edge guard counted the forged frames, and the users' steered traffic still goes through.
 * OpenFlow 1.3 (it proactive, bob reactive); OpenFlow 1.0's guards (one per mark) and forwarding's untagged
 * routes are walked in EdgeGuardsTest and FabricForwardingTest, which keeps this test near 50 s.
 */
class MarkSpoofingIT extends ServiceNodeFixture {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String RECORDER = "FlowRecorder_1.0";
  private static final Map<String, Integer> USERS = Map.of("it", 5060, "bob", 5062);
  private static final int LEGITIMATE = 30; // per user and round: 10 flows of 3 packets

  @BeforeEach
  void serveFlowRecorder() throws Exception {
    serviceNodes.serve("FlowRecorder", TestModules.flowRecorder(dir.resolve("modules")));
  }

  @Test
  void framesTaggedWithEveryMarkInUseReachNoContainer() throws Exception {
    try (MininetNetwork net = MininetNetwork.steering(controller, "OpenFlow13", 2, "2",
        Optional.of(serviceNodes.management()))) {
      Eventually.waitFor("discovery", WAIT, () ->
          controller.service(LinkService.class).links().containsAll(net.expectedLinks()));
      serviceNodes.startAgents(net, controller);
      for (String user : USERS.keySet()) {
        assertThat(ServiceNodes.installOnPool(controller, "pool", serviceNodes.install(user, "FlowRecorder",
            Map.of()))).allSatisfy((node, error) -> assertThat(error).as(node).isEmpty());
        SteeringMode mode = user.equals("it") ? SteeringMode.PROACTIVE : SteeringMode.REACTIVE;
        steering.register(new ServiceRequest(user, Filter.of(Protocol.UDP).withDstPorts(
            PortRange.single(USERS.get(user))), "pool", mode, Optional.empty(), Optional.of(user)))
            .get(30, TimeUnit.SECONDS);
      }
      legitimateRound(net, 20000, 1);

      Set<Integer> marks = marksInUse();
      assertThat(marks).as("n1's mark and one per user's container").hasSize(3);
      Set<Integer> vids = new TreeSet<>();
      marks.forEach(m -> vids.addAll(List.of(m - 2, m - 1, m, m + 1, m + 2)));
      assertThat(udp(net, 5061, 5, 1, 30000)).as("h1's plain traffic to h2, which gives it a route").isEqualTo(5);
      JsonNode forged = net.command(WAIT, "tagged", Map.of("src", "h1", "dst", "h2", "dports", "5060,5062",
          "vids", vids.stream().map(String::valueOf).collect(Collectors.joining(",")), "count", 3));
      int sent = forged.get("sent").asInt();
      assertThat(sent).isEqualTo(vids.size() * 2 * 3);
      Thread.sleep(1500); // two heartbeats: a late count would show
      USERS.forEach((user, port) -> assertThat(seen(user, port)).as("%s's container, after h1 forged %d frames"
          + " tagged %s", user, sent, vids).isEqualTo(LEGITIMATE));
      assertThat(guardPackets(net, "s1")).as("s1's guard on h1's port dropped them").isGreaterThanOrEqualTo(sent);

      legitimateRound(net, 21000, 2);
    }
  }

  /** Each user's traffic, steered through its container: h2 gets all of it, each recorder counts all of it. */
  private void legitimateRound(MininetNetwork net, int sportBase, int round) throws Exception {
    for (Map.Entry<String, Integer> user : USERS.entrySet()) {
      assertThat(udp(net, user.getValue(), 10, 3, sportBase)).as("h2 got %s's packets", user.getKey())
          .isEqualTo(LEGITIMATE);
    }
    Eventually.waitFor("each recorder counted round " + round, WAIT, () -> USERS.entrySet().stream()
        .allMatch(u -> seen(u.getKey(), u.getValue()) == (long) LEGITIMATE * round));
  }

  /** n1's own mark and the marks of the users' containers on it. */
  private Set<Integer> marksInUse() {
    NodeView n1 = pools.node("n1").orElseThrow();
    Set<Integer> marks = new TreeSet<>(Set.of(n1.mark()));
    n1.agent().orElseThrow().containers().stream().map(ContainerView::vlan).forEach(marks::add);
    return marks;
  }

  private static int udp(MininetNetwork net, int port, int flows, int packets, int sportBase) throws Exception {
    return FabricTraffic.udp(net, port, flows, packets, sportBase);
  }

  /** The packets a user's recorder saw to its port. */
  private long seen(String user, int port) {
    return ServiceNodes.module(controller, "n1", user, RECORDER)
        .map(m -> ((Map<?, ?>) m.report().get("packets")).get("udp/" + port))
        .map(n -> ((Number) n).longValue()).orElse(0L);
  }

  /** The packets s1's edge guards dropped. */
  private static long guardPackets(MininetNetwork net, String sw) throws Exception {
    return StreamSupport.stream(net.command(WAIT, "flows", Map.of("switch", sw)).get("flows").spliterator(), false)
        .map(JsonNode::asText).filter(SteeringIT::isEdgeGuard)
        .mapToLong(f -> Long.parseLong(f.replaceAll(".*n_packets=(\\d+),.*", "$1"))).sum();
  }
}
