package org.netservof.bridge.steering;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.MeterViolation;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.testing.StatsSwitch;
import org.netservof.controller.api.SwitchDisconnectedException;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.controller.testing.LogCapture;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.steering.SteeredService;
import org.netservof.policy.steering.SteeringLayout;
import org.netservof.policy.steering.SteeringNode;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Steering's metrics as Prometheus reads them (a real Prometheus registry's scrape), from a snapshot set by hand and
 * a switch whose flow and meter statistics the test sets, read by the stats poller on a fake clock.
 */
class SteeringMetricsTest {
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));
  private static final String S1 = "00:00:00:00:00:00:00:01";
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final FakeClock clock = new FakeClock();
  private final FakeSwitchService switches = new FakeSwitchService();
  private final StatsSwitch s1 = new StatsSwitch(new FakeSwitch(1, OFVersion.OF_13, 4));
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);
  private final Map<Integer, String> meterUsers = new HashMap<>();
  private final SteeringListeners listeners = new SteeringListeners();
  private final List<MeterViolation> violations = new ArrayList<>();
  private final ServiceCounters services = new ServiceCounters(registry, snapshot::get);
  private final SteeringGauges gauges = new SteeringGauges(registry, snapshot::get, clock);
  private final StatsPoller poller = new StatsPoller(switches, new StatsPoller.Feeds(services,
      new MeterDrops(registry, listeners, () -> Map.copyOf(meterUsers)), new NodeCounters(registry, snapshot::get)),
      clock);

  SteeringMetricsTest() {
    switches.add(s1.sw);
    listeners.add(new SteeringListener() {
      @Override
      public void violation(MeterViolation v) {
        violations.add(v);
      }
    });
  }

  @Test
  void aServicesPacketsAreWhatItsIngressEntriesCountedOnTheSwitches() {
    snapshot.set(snapshot(List.of(service(7, "alice", SteeringMode.PROACTIVE)), List.of(), true));
    Match in1 = match(1);
    s1.flow(cookie(7, 1, SteeringLayout.CLASSIFIER), 100, in1, 10, 1000)
        .flow(cookie(7, 1, SteeringLayout.FLOW), 900, match(2), 5, 500)
        .flow(cookie(7, 0, SteeringLayout.TRAP), 90, match(3), 3, 300) // went up to the controller: not steered here
        .flow(cookie(0, 1, SteeringLayout.TUNNEL), 990, match(4), 100, 10_000) // shared by every service
        .flow(U64.of(0x1234), 5, match(1), 50, 50); // someone else's entry
    poller.run();
    assertThat(registry.scrape()).contains("netserv_service_packets_total{service=\"7\",user=\"alice\"} 15.0",
        "netserv_service_bytes_total{service=\"7\",user=\"alice\"} 1500.0",
        "netserv_steering_entries{switch=\"" + S1 + "\"} 4");

    // The classifier gained 2; the per-flow entry timed out and another flow's came with 2 packets.
    s1.clearFlows();
    s1.flow(cookie(7, 1, SteeringLayout.CLASSIFIER), 100, in1, 12, 1200)
        .flow(cookie(7, 1, SteeringLayout.FLOW), 900, match(3), 2, 200);
    clock.advance(Duration.ofSeconds(10));
    poller.run();
    assertThat(registry.scrape()).contains("netserv_service_packets_total{service=\"7\",user=\"alice\"} 19.0",
        "netserv_service_bytes_total{service=\"7\",user=\"alice\"} 1900.0",
        "netserv_steering_entries{switch=\"" + S1 + "\"} 2");

    // The service goes: its series go; a switch that leaves loses its entry count.
    services.serviceRemoved(snapshot.get().byId().get(7).info(), "removed");
    snapshot.set(Snapshot.EMPTY);
    switches.remove(s1.sw.id());
    poller.run();
    assertThat(registry.scrape()).doesNotContain("netserv_service_packets_total{", "netserv_steering_entries{");
  }

  @Test
  void aServiceWithoutAUserHasAnEmptyUserLabel() {
    ServiceInfo plain = new ServiceInfo(3, new ServiceRequest("plain", SIP, "pool", SteeringMode.PROACTIVE,
        Optional.empty()), clock.instant(), Optional.empty());
    snapshot.set(snapshot(List.of(plain), List.of(), true));
    s1.flow(cookie(3, 1, SteeringLayout.CLASSIFIER), 100, match(1), 4, 400);
    poller.run();
    assertThat(registry.scrape()).contains("netserv_service_packets_total{service=\"3\",user=\"\"} 4.0");
  }

  @Test
  void aPerFlowEntrysLastPacketsCountFromItsRemovalAndOnlyOnce() {
    snapshot.set(snapshot(List.of(service(7, "alice", SteeringMode.REACTIVE)), List.of(), true));
    U64 flow = cookie(7, 1, SteeringLayout.FLOW);
    s1.flow(flow, 900, match(2), 5, 500);
    poller.run();
    // Its idle timeout takes it with 8 packets counted; a read answered before the removal arrived still shows it.
    services.receive(s1.sw, s1.sw.factory().buildFlowRemoved().setCookie(flow).setPriority(900).setMatch(match(2))
        .setReason(OFFlowRemovedReason.IDLE_TIMEOUT).setTableId(TableId.ZERO)
        .setPacketCount(U64.of(8)).setByteCount(U64.of(800)).build(), null);
    s1.flow(flow, 900, match(2), 8, 800);
    poller.run();
    assertThat(registry.scrape()).contains("netserv_service_packets_total{service=\"7\",user=\"alice\"} 8.0",
        "netserv_service_bytes_total{service=\"7\",user=\"alice\"} 800.0");

    // The same flow comes back: a new entry, counted from zero.
    s1.clearFlows();
    poller.run();
    s1.flow(flow, 900, match(2), 2, 200);
    poller.run();
    assertThat(registry.scrape()).contains("netserv_service_packets_total{service=\"7\",user=\"alice\"} 10.0");
  }

  @Test
  void aSwitchThatLeavesDuringAReadIsNoWarningOneThatFailsIs() {
    try (LogCapture log = new LogCapture()) {
      s1.failWith(new SwitchDisconnectedException(s1.sw.id())); // still listed: its removal is on its way
      poller.run();
      assertThat(log.problems()).isEmpty();
      s1.failWith(new IllegalStateException("OFPET_BAD_REQUEST"));
      poller.run();
      assertThat(log.problems()).singleElement().asString().contains("statistics could not be read")
          .contains(S1).contains("OFPET_BAD_REQUEST");
    }
  }

  @Test
  void meterDropsCountPerUserAndARiseBetweenTwoReadsIsAViolation() {
    meterUsers.put(1, "alice");
    s1.meter(1, 4, 400).meter(0xffff_0001L, 99, 9900); // the controller's own meters are not a user's
    poller.run();
    assertThat(registry.scrape()).contains("netserv_user_meter_drops_total{user=\"alice\"} 4.0");
    assertThat(violations).as("drops from before the first read are no rise between two reads").isEmpty();

    s1.meter(1, 10, 1000);
    clock.advance(Duration.ofSeconds(10));
    poller.run();
    assertThat(registry.scrape()).contains("netserv_user_meter_drops_total{user=\"alice\"} 10.0");
    assertThat(violations).singleElement().isEqualTo(new MeterViolation("alice", S1, 1, 6, 600, clock.instant()));

    clock.advance(Duration.ofSeconds(10));
    poller.run();
    assertThat(violations).as("no drops since the last read: no violation").hasSize(1);
  }

  @Test
  void servicesAreCountedByStateAndModeAndLeasesEndingWithinAMinute() {
    ServiceInfo soon = service(1, "alice", SteeringMode.REACTIVE); // ends in 50 s
    ServiceInfo later = new ServiceInfo(2, request("bob", SteeringMode.REACTIVE), clock.instant(),
        Optional.of(clock.instant().plusSeconds(600)));
    ServiceInfo stranded = new ServiceInfo(3, request("carol", SteeringMode.PROACTIVE), clock.instant(),
        Optional.empty());
    Snapshot withNodes = snapshot(List.of(soon, later), List.of(), true);
    Map<Snapshot.Audience, List<SteeringNode>> targets = new HashMap<>(withNodes.healthyTargets());
    List<Snapshot.Active> all = new ArrayList<>(withNodes.services());
    all.add(active(stranded)); // carol's audience has no healthy node: fail-open
    snapshot.set(new Snapshot(all, Map.of(), targets, Map.of(), Map.of(), List.of()));
    assertThat(registry.scrape()).contains("netserv_services{mode=\"reactive\",state=\"active\"} 2",
        "netserv_services{mode=\"proactive\",state=\"fail_open\"} 1",
        "netserv_services{mode=\"proactive\",state=\"active\"} 0",
        "netserv_service_leases_expiring{within=\"60s\"} 1");
    clock.advance(Duration.ofSeconds(545));
    assertThat(registry.scrape()).contains("netserv_service_leases_expiring{within=\"60s\"} 2");

    gauges.serviceRemoved(soon, "ttl expired");
    gauges.serviceRemoved(later, "removed");
    assertThat(registry.scrape()).contains("netserv_service_leases_expired_total 1.0");
  }

  @Test
  void nodesAndContainersByStateAndWhatTheAgentsReportedLast() {
    ContainerView alice = new ContainerView("alice", 3001, true, 0, 2048, 70, 65, 3, List.of());
    ContainerView bob = new ContainerView("bob", 3002, true, 0, 1024, 0, 0, 0, List.of());
    ContainerView carol = new ContainerView("carol", 3003, false, 2, 0, 1, 1, 0, List.of());
    NodeView n1 = node("n1", true, false, List.of(alice, bob, carol), List.of("alice"));
    snapshot.set(snapshot(List.of(), List.of(n1, node("n2", false, false, List.of(), List.of()),
        node("n3", true, true, List.of(), List.of())), true));
    poller.run();
    assertThat(registry.scrape()).contains("netserv_nodes{state=\"healthy\"} 1", "netserv_nodes{state=\"unhealthy\"} 1",
        "netserv_nodes{state=\"draining\"} 1", "netserv_containers{state=\"ready\"} 1",
        "netserv_containers{state=\"starting\"} 1", "netserv_containers{state=\"stopped\"} 1",
        "netserv_node_container_packets_in_total{node=\"n1\",user=\"alice\"} 70.0",
        "netserv_node_container_packets_out_total{node=\"n1\",user=\"alice\"} 65.0",
        "netserv_node_container_link_down_drops_total{node=\"n1\",user=\"alice\"} 3.0",
        "netserv_node_container_memory_bytes{node=\"n1\",user=\"alice\"} 2097152");

    // A heartbeat later: the values are the latest; bob's container went.
    ContainerView aliceNow = new ContainerView("alice", 3001, true, 0, 2048, 90, 80, 3, List.of());
    snapshot.set(snapshot(List.of(), List.of(node("n1", true, false, List.of(aliceNow), List.of("alice"))), true));
    poller.run();
    assertThat(registry.scrape()).contains("netserv_node_container_packets_in_total{node=\"n1\",user=\"alice\"} 90.0")
        .doesNotContain("user=\"bob\"");
  }

  private static U64 cookie(int service, int node, int detail) {
    return new Cookie(CookieOwner.STEERING, service, node, detail).value();
  }

  private Match match(int inPort) {
    return s1.sw.factory().buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build();
  }

  private static ServiceRequest request(String user, SteeringMode mode) {
    return new ServiceRequest("svc-" + user, SIP, "pool", mode, Optional.of(Duration.ofSeconds(600)),
        Optional.of(user));
  }

  private ServiceInfo service(int id, String user, SteeringMode mode) {
    return new ServiceInfo(id, request(user, mode), clock.instant(), Optional.of(clock.instant().plusSeconds(50)));
  }

  private static Snapshot.Active active(ServiceInfo info) {
    return new Snapshot.Active(info, new SteeredService(info.id(), SIP, OptionalInt.empty()));
  }

  /** The services, each with a healthy node for its audience when {@code steered}, and the nodes. */
  private static Snapshot snapshot(List<ServiceInfo> infos, List<NodeView> nodes, boolean steered) {
    List<Snapshot.Active> all = infos.stream().map(SteeringMetricsTest::active).toList();
    Map<Integer, Snapshot.Active> byId = new HashMap<>();
    Map<Snapshot.Audience, List<SteeringNode>> targets = new HashMap<>();
    SteeringNode target = new SteeringNode("n1", 1, SwitchPort.of(1, 4), 1, 3000);
    all.forEach(a -> {
      byId.put(a.info().id(), a);
      targets.put(a.audience(), steered ? List.of(target) : List.of());
    });
    Map<String, NodeView> views = new HashMap<>();
    nodes.forEach(n -> views.put(n.id(), n));
    return new Snapshot(all, byId, targets, Map.of(), views, List.of());
  }

  private static NodeView node(String id, boolean healthy, boolean draining, List<ContainerView> containers,
      List<String> ready) {
    AgentView agent = new AgentView("127.0.0.1:4000", "eth0", true, Optional.of(Instant.EPOCH), List.of(), ready,
        containers);
    return new NodeView(new NodeSpec(id, "pool", SwitchPort.of(1, 4), MacAddress.of("0a:00:00:00:00:10"), 1), 1,
        3000, healthy, draining, "test", Optional.of(agent));
  }
}
