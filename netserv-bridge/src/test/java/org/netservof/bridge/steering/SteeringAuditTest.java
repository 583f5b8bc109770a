package org.netservof.bridge.steering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.ReconcileEvent;
import org.netservof.bridge.api.RepairCounts;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.testing.TableSwitch;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.core.ServicePortRegistry;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.controller.topology.TopologyGraph;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.Meters;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.steering.SteeringLayout;
import org.netservof.policy.testing.FakeFlowTable;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.TransportPort;

/**
 * Steering's audit of a switch whose tables it reads back (hosts on ports 1 and 2, node on port 4): a controller
 * that starts again with the same intent writes nothing to a switch that is right; what a switch lacks or holds
 * otherwise is repaired; nothing is deleted in a switch's first interval; meters are modified, never added twice.
 */
class SteeringAuditTest {
  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));
  private final FakeClock clock = new FakeClock();
  private final FakeSwitchService switches = new FakeSwitchService();
  private final TableSwitch s1 = new TableSwitch(new FakeSwitch(1, OFVersion.OF_13, 5),
      new FakeFlowTable().addSwitch(1, OFVersion.OF_13).edge(1, 1).edge(1, 2));
  private final OFFactory f = s1.sw.factory();
  private final ServicePortRegistry servicePorts = new ServicePortRegistry();
  private final List<ReconcileEvent> events = new CopyOnWriteArrayList<>();
  private Steering steering;

  @AfterEach
  void stop() {
    steering.close();
  }

  /** A controller run: fresh state, the node, the service and alice's cap, listening to the switches. */
  private Steering start(int aliceKbps) throws Exception {
    if (steering != null) {
      steering.close();
      switches.removeListener(steering.fabricEvents());
    }
    steering = Steering.assemble(new MemoryStoreService(), new SteeringConfig("3000-3999", Duration.ofSeconds(30), "group",
            8, INTERVAL, List.of(), 100_000), switches, new OneSwitch(), servicePorts,
        (from, tag, src, dst) -> CompletableFuture.completedFuture(Optional.empty()), clock);
    steering.registry().addListener(new SteeringListener() {
      @Override
      public void reconciled(ReconcileEvent event) {
        events.add(event);
      }
    });
    steering.pool().addNode(new NodeSpec("n1", "p", SwitchPort.of(1, 4), MacAddress.of("0a:00:00:00:00:44"), 1));
    steering.registry().register(new ServiceRequest("sip", SIP, "p", SteeringMode.PROACTIVE, Optional.empty()))
        .get(5, TimeUnit.SECONDS);
    steering.registry().setUserRate("alice", aliceKbps).get(5, TimeUnit.SECONDS);
    switches.addListener(steering.fabricEvents());
    return steering;
  }

  private void connect() throws Exception {
    switches.remove(s1.sw.id());
    switches.add(s1.sw);
    settle();
  }

  /** Waits until the worker did everything queued so far (the audit included). */
  private void settle() throws Exception {
    steering.installer().reconcile("test").get(5, TimeUnit.SECONDS);
  }

  private List<OFMessage> changesWritten() {
    return s1.take().stream().filter(m -> m instanceof OFFlowMod || m instanceof OFGroupMod || m instanceof OFMeterMod)
        .toList();
  }

  @Test
  void aControllerStartedAgainWithTheSameIntentWritesNothingToASwitchThatIsRight() throws Exception {
    start(1000);
    connect();
    assertThat(s1.tables.entries(s1.sw.id())).as("the service's entries").isNotEmpty();
    assertThat(s1.meters).containsKey(1L);
    s1.take();

    start(1000);
    connect();

    assertThat(changesWritten()).as("nothing deleted, nothing written again").isEmpty();
    assertThat(steering.installer().repairs().repairs()).containsEntry(s1.sw.id(), new RepairCounts(1, 0, 0, 0));
  }

  @Test
  void whatASwitchLacksOrHasOtherwiseIsRepairedAndAMeterIsModifiedNotAddedTwice() throws Exception {
    start(1000);
    connect();
    FlowEntry lost = s1.tables.entries(s1.sw.id()).get(0);
    s1.tables.remove(lost.key());
    start(2000);
    s1.take();

    connect();

    List<OFMessage> written = changesWritten();
    assertThat(written).filteredOn(OFMeterMod.class::isInstance).extracting(m -> ((OFMeterMod) m).getCommand())
        .containsExactly(OFMeterModCommand.MODIFY);
    assertThat(s1.tables.entries(s1.sw.id())).extracting(FlowEntry::key).contains(lost.key());
    assertThat(events).last().satisfies(e -> {
      assertThat(e.dpid()).isEqualTo(s1.sw.id().toString());
      assertThat(e.reason()).isEqualTo("switch connected");
      assertThat(e.modified()).as("meter 1 at another rate").isEqualTo(1);
      assertThat(e.added()).as("the lost entry, and entries now through the meter written over").isPositive();
    });
  }

  @Test
  void entriesOfServicesIntentLacksGoAtOnceWhatIntentMayYetExplainWaitsForTheSwitchToSettle() throws Exception {
    start(1000);
    FlowEntry stray = entry(new Cookie(CookieOwner.STEERING, 77, 0, SteeringLayout.CLASSIFIER), 20_000, 9999);
    FlowEntry flowOfService = entry(new Cookie(CookieOwner.STEERING, 1, 1, SteeringLayout.FLOW),
        SteeringLayout.FLOW_PRIORITY, 5060);
    FlowEntry flowOfGoneService = entry(new Cookie(CookieOwner.STEERING, 99, 1, SteeringLayout.FLOW),
        SteeringLayout.FLOW_PRIORITY, 5070);
    // No service: a node's or a tunnel's, which intent may want again once links and nodes are back.
    FlowEntry unexplained = entry(new Cookie(CookieOwner.STEERING, 0, 7, SteeringLayout.CLASSIFIER), 20_000, 9998);
    FlowEntry forwarding = entry(Cookie.of(CookieOwner.FORWARDING), 1000, 80);
    List.of(stray, flowOfService, flowOfGoneService, unexplained, forwarding).forEach(s1.tables::add);
    s1.meters.put(9L, Meters.dropAbove(f, OFMeterModCommand.ADD, 9, 500));

    connect();
    // Services are read whole from the store at start: one it lacks is gone (a lease that ran out meanwhile).
    assertThat(s1.tables.entries(s1.sw.id())).as("while the switch settles")
        .contains(flowOfService, unexplained, forwarding).doesNotContain(stray, flowOfGoneService);
    assertThat(s1.meters).containsKey(9L);
    assertThat(events).last().satisfies(e -> {
      assertThat(e.reason()).isEqualTo("switch connected");
      assertThat(e.deleted()).as("the stray, the gone service's flow").isEqualTo(2);
      assertThat(e.repairs()).anySatisfy(r -> assertThat(r).contains("service 99").contains("its service is gone"));
    });

    clock.advance(INTERVAL);
    steering.installer().auditAll("periodic audit");
    settle();

    assertThat(s1.tables.entries(s1.sw.id())).contains(flowOfService, forwarding).doesNotContain(unexplained);
    assertThat(s1.meters).containsKey(1L).doesNotContainKey(9L);
    assertThat(events).last().satisfies(e -> {
      assertThat(e.reason()).isEqualTo("periodic audit");
      assertThat(e.deleted()).as("the entry intent did not explain, meter 9").isEqualTo(2);
      assertThat(e.added()).isZero();
    });
    assertThat(steering.installer().repairs().repairs().get(s1.sw.id()).deleted()).isEqualTo(4);
  }


  @Test
  void aServiceRemovedWhileTheSwitchSettlesLosesItsEntriesAtOnce() throws Exception {
    start(1000);
    connect();
    assertThat(s1.tables.entries(s1.sw.id())).anySatisfy(e -> assertThat(Cookie.decode(e.cookie()).service()).isOne());

    steering.registry().remove(1).get(5, TimeUnit.SECONDS);

    assertThat(s1.tables.entries(s1.sw.id())).as("only what the audit found unexplained waits for the switch to settle")
        .noneSatisfy(e -> assertThat(Cookie.decode(e.cookie()).service()).isOne());
  }

  private FlowEntry entry(Cookie cookie, int priority, int udpPort) {
    Match m = f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4).setExact(MatchField.IP_PROTO, IpProtocol.UDP)
        .setExact(MatchField.UDP_DST, TransportPort.of(udpPort)).build();
    return new FlowEntry(s1.sw.id(), priority, m, List.of(), cookie.value());
  }

  /** One switch, no links; its service ports as the registry has them now. */
  private final class OneSwitch implements TopologyService {
    @Override
    public Topology current() {
      Map<DatapathId, Set<SwitchPort>> ports = new HashMap<>();
      Set<SwitchPort> p = new HashSet<>();
      s1.sw.ports().forEach(d -> p.add(new SwitchPort(s1.sw.id(), d.getPortNo())));
      ports.put(s1.sw.id(), p);
      return new TopologyGraph(clock.instant(), ports, Set.of(), Set.of(), servicePorts.servicePorts(), Map.of(), 16);
    }

    @Override
    public void addListener(TopologyListener listener) {}

    @Override
    public void removeListener(TopologyListener listener) {}
  }

  @Test
  void aCapRemovedWhileTheSwitchSettlesTakesItsMeterAtOnce() throws Exception {
    start(1000);
    connect();
    assertThat(s1.meters).containsKey(1L);

    // The user's last signaled service went (SignalingIT): her cap goes, and with it her meter, settling or not.
    steering.registry().setUserRate("alice", 0).get(5, TimeUnit.SECONDS);
    settle();

    assertThat(s1.meters).doesNotContainKey(1L);
    assertThat(s1.tables.entries(s1.sw.id())).as("the service's entries, now without the meter").isNotEmpty()
        .allSatisfy(e -> assertThat(e.meter()).isEmpty());
  }
}
