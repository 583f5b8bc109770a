package org.netservof.bridge.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.core.ServicePortRegistry;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.api.SwitchDisconnectedException;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.topology.TopologyGraph;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.steering.SteeringLayout;
import org.netservof.policy.testing.FakeFlowTable;
import org.netservof.policy.testing.FakeFlowTable.Packet;
import org.netservof.policy.testing.FakeFlowTable.Trace;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Steering over two fake switches (s1 port 1 host, s2 port 1 host, cable s1:2 - s2:3, nodes on
 * port 4 and 5 of s2): what it writes when services and nodes come and go.
 */
class SteeringTest {
  private static final MacAddress H1 = MacAddress.of("0a:00:00:00:00:01");
  private static final MacAddress H2 = MacAddress.of("0a:00:00:00:00:02");
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));
  private final FakeClock clock = new FakeClock();
  private final FakeSwitchService switches = new FakeSwitchService();
  private final FakeSwitch s1 = new FakeSwitch(1, OFVersion.OF_13, 5);
  private final FakeSwitch s2 = new FakeSwitch(2, OFVersion.OF_13, 5);
  private final ServicePortRegistry servicePorts = new ServicePortRegistry();
  private final FixedTopology topology = new FixedTopology();
  // SELECT groups, not the split the default picks for Open vSwitch (which FakeSwitch says it is).
  private final Steering steering = assemble(new SteeringConfig("3000-3999", Duration.ofSeconds(30), "group", 8,
      Duration.ofSeconds(30), List.of(), 100_000));
  private final ServiceRegistry registry = steering.registry();
  private final NodePool pool = steering.pool();

  private Steering assemble(SteeringConfig config) {
    Steering s = Steering.assemble(new MemoryStoreService(), config, switches, topology, servicePorts,
        (from, tag, src, dst) -> CompletableFuture.completedFuture(Optional.empty()), clock);
    // As the module: steering hears of switches, and writes to a switch only once it has audited it (the fake
    // switches answer no statistics, so each is written whole).
    switches.addListener(s.fabricEvents());
    switches.switches().forEach(s.fabricEvents()::switchAdded);
    return s;
  }

  SteeringTest() {
    switches.add(s1).add(s2);
    topology.rebuild();
  }

  @AfterEach
  void stop() {
    steering.close();
  }

  @Test
  void whatSteeringWritesTakesMatchingPacketsToTheirNodeAndLeavesOthersAlone() throws Exception {
    FakeFlowTable tables = twoNodesAndAProactiveService();
    for (int sport = 40000; sport < 40040; sport++) {
      Trace sip = tables.send(Packet.udp("10.0.0.1", "10.0.0.2", sport, 5060), SwitchPort.of(1, 1));
      assertThat(sip.deliveredTo()).as("flow from port %d", sport).get().isIn(SwitchPort.of(2, 4), SwitchPort.of(2, 5));
      assertThat(sip.delivered().orElseThrow().vlan()).as("the mark is popped before the node").isEmpty();
    }
    assertThat(tables.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5061), SwitchPort.of(1, 1)).missed())
        .as("other traffic is not steering's: it misses steering's entries").isTrue();

    registry.remove(1).get(5, TimeUnit.SECONDS);
    writtenSoFar(tables);
    assertThat(tables.send(Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060), SwitchPort.of(1, 1)).missed())
        .as("a removed service leaves nothing that catches its traffic").isTrue();
  }

  /**
   * A switch that disconnects while it takes a change (still listed: its removal is on its way) left; it did not
   * refuse (NodeIT's teardown caught "did not take steering's change: switch ... disconnected" as an error).
   */
  @Test
  void aSwitchThatLeavesDuringAChangeIsNoErrorOneThatRefusesIs() throws Exception {
    addNode("n1", 4);
    try (org.netservof.controller.testing.LogCapture logs = new org.netservof.controller.testing.LogCapture()) {
      s1.refuseNextConfirmed(new SwitchDisconnectedException(s1.id()));
      registry.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
      assertThat(logs.problems()).as("(the fake switches cannot be read back: that warning is theirs)")
          .noneMatch(l -> l.contains("steering's change"));
      s1.refuseNextConfirmed(new IllegalStateException("OFPET_BAD_REQUEST"));
      registry.register(new ServiceRequest("other", Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5070)),
          "default", SteeringMode.PROACTIVE, Optional.empty())).handle((ok, e) -> null)
          .get(5, TimeUnit.SECONDS);
      assertThat(logs.problems()).anySatisfy(l -> assertThat(l).contains("did not take steering's change")
          .contains("OFPET_BAD_REQUEST"));
    }
  }

  @Test
  void aMarkedFrameIsCarriedToItsNodeFromALinkButNeverFromAnEdgePort() throws Exception {
    addNode("n1", 4);
    registry.register(request(SteeringMode.REACTIVE)).get(5, TimeUnit.SECONDS);
    int mark = pool.node("n1").orElseThrow().mark();
    s1.take();
    s2.take();
    // A host on an edge port sends a frame tagged with the node's mark: it must not reach the node.
    assertThat(markedPacketIn(s1, 1, mark)).isEqualTo(Command.STOP);
    assertThat(s1.take()).as("nothing sent on from the edge").isEmpty();
    assertThat(steering.reactive().spoofedMarks()).isEqualTo(1);
    // The same frame arriving over the cable from s1 (its tunnel entry not there yet) goes on to the node.
    assertThat(markedPacketIn(s2, 3, mark)).isEqualTo(Command.STOP);
    assertThat(s2.take()).singleElement().isInstanceOf(OFPacketOut.class);
  }

  @Test
  void noHostCanSendAMarkIntoTheFabricWhileLinksStillCarryThem() throws Exception {
    FakeFlowTable tables = twoNodesAndAProactiveService();
    // A route as forwarding used to write it: the MAC pair from h1's port, whatever tag the frame carries.
    tables.add(new FlowEntry(s1.id(), PriorityBand.FORWARDING.base(), s1.factory().buildMatch()
        .setExact(MatchField.IN_PORT, OFPort.of(1)).setExact(MatchField.ETH_DST, H2).build(),
        List.of(s1.factory().actions().output(OFPort.of(2), 0xffff)), Cookie.of(CookieOwner.FORWARDING, 1).value()));
    Packet toH2 = Packet.udp("10.0.0.1", "10.0.0.2", 40000, 9999).withMacs(H1, H2);
    List<SwitchPort> hostPorts = List.of(SwitchPort.of(1, 1), SwitchPort.of(2, 1));
    for (int mark : marksInUseAndAround()) {
      for (SwitchPort edge : hostPorts) {
        Trace t = tables.send(toH2.withVlan(OptionalInt.of(mark)), edge);
        assertThat(t.deliveredTo()).as("mark %d from host port %s, through %s", mark, edge, t.steps()).isEmpty();
      }
    }
    for (int mark : marksInUseAndAround()) {
      for (SwitchPort edge : hostPorts) {
        Trace t = tables.send(toH2.withVlan(OptionalInt.of(mark)), edge);
        assertThat(t.missed() || t.toController()).as("dropped at %s by the switch, not sent up", edge).isFalse();
        assertThat(t.steps()).singleElement().satisfies(s -> assertThat(s.dpid()).isEqualTo(edge.dpid()));
      }
    }
    for (String node : List.of("n1", "n2")) {
      NodeView n = pool.node(node).orElseThrow();
      Trace overTheCable = tables.send(toH2.withVlan(OptionalInt.of(n.mark())), SwitchPort.of(2, 3));
      assertThat(overTheCable.deliveredTo()).as("mark %d over the cable", n.mark()).contains(n.spec().attachment());
    }
  }

  @Test
  void aPortThatBecomesALinkCarriesMarksAndOneThatStopsBeingALinkDropsThem() throws Exception {
    addNode("n1", 4);
    registry.register(request(SteeringMode.REACTIVE)).get(5, TimeUnit.SECONDS);
    int mark = pool.node("n1").orElseThrow().mark();
    FakeFlowTable tables = writtenSoFar(new FakeFlowTable().addSwitch(1, OFVersion.OF_13)
        .addSwitch(2, OFVersion.OF_13).cable(1, 2, 2, 3).cable(1, 5, 2, 2).edge(1, 1).edge(2, 1));
    Packet marked = Packet.udp("10.0.0.1", "10.0.0.2", 40000, 5060).withVlan(OptionalInt.of(mark));
    Trace before = tables.send(marked, SwitchPort.of(2, 2));
    assertThat(before.deliveredTo()).as("s2:2 is a host port").isEmpty();
    assertThat(before.missed()).as("dropped by the switch").isFalse();

    topology.extraCable = Optional.of(new Link(SwitchPort.of(1, 5), SwitchPort.of(2, 2)));
    steering.installer().reconcile("a second cable").get(5, TimeUnit.SECONDS);
    writtenSoFar(tables);
    assertThat(tables.send(marked, SwitchPort.of(2, 2)).deliveredTo()).as("s2:2 is a link now")
        .contains(SwitchPort.of(2, 4));

    topology.extraCable = Optional.empty();
    steering.installer().reconcile("the second cable went").get(5, TimeUnit.SECONDS);
    writtenSoFar(tables);
    Trace after = tables.send(marked, SwitchPort.of(2, 2));
    assertThat(after.deliveredTo()).as("s2:2 is a host port again").isEmpty();
    assertThat(after.missed()).isFalse();
  }

  /** Nodes n1 (s2 port 4) and n2 (port 5) serving SIP proactively; the tables with what steering wrote. */
  private FakeFlowTable twoNodesAndAProactiveService() throws Exception {
    addNode("n1", 4);
    addNode("n2", 5);
    registry.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    return writtenSoFar(new FakeFlowTable().addSwitch(1, OFVersion.OF_13).addSwitch(2, OFVersion.OF_13)
        .cable(1, 2, 2, 3).edge(1, 1).edge(2, 1));
  }

  /** The tables with what steering wrote to s1 and s2 since the last look. */
  private FakeFlowTable writtenSoFar(FakeFlowTable tables) {
    tables.write(s1.id(), s1.take());
    tables.write(s2.id(), s2.take());
    return tables;
  }

  /** Every mark steering has handed out, and the ids next to them. */
  private Set<Integer> marksInUseAndAround() {
    Set<Integer> out = new java.util.TreeSet<>();
    for (int m : steering.state().snapshot().byMark().keySet()) {
      for (int d = -2; d <= 2; d++) {
        out.add(m + d);
      }
    }
    assertThat(out).hasSizeGreaterThan(4);
    return out;
  }

  @Test
  void aSwitchThatReconnectsKeepsItsFlowsTrackedSoRemovingTheServiceStillDeletesThem() throws Exception {
    FakeSwitch old = new FakeSwitch(3, OFVersion.OF_10, 5); // 1.0: no cookie masks, per-flow deletes one by one
    switches.add(old);
    topology.extraCable = Optional.of(new Link(SwitchPort.of(3, 2), SwitchPort.of(2, 2)));
    addNode("n1", 4);
    ServiceInfo info = registry.register(request(SteeringMode.REACTIVE)).get(5, TimeUnit.SECONDS);
    for (int sport = 40000; sport < 40005; sport++) {
      assertThat(sipPacketIn(steering, old, 1, sport)).isEqualTo(Command.STOP);
    }
    // A flap: the switch (secure fail mode) keeps its entries while the controller is away.
    steering.fabricEvents().switchRemoved(old.id());
    steering.fabricEvents().switchAdded(old);
    steering.installer().reconcile("test barrier").get(5, TimeUnit.SECONDS);
    old.take();
    registry.remove(info.id()).get(5, TimeUnit.SECONDS);
    assertThat(old.take()).as("each of its per-flow entries deleted").filteredOn(m -> m instanceof OFFlowDeleteStrict d
        && d.getMatch().isExact(MatchField.UDP_SRC)).hasSize(5);
    assertThat(steering.reactive().trackedFlows()).isZero();
  }

  @Test
  void beyondTheBoundOfTrackedFlowsANewFlowGoesItsNormalWayUnsteered() throws Exception {
    try (Steering bounded = assemble(new SteeringConfig("3000-3999", Duration.ofSeconds(30), "group", 8,
        Duration.ofSeconds(30), List.of(), 3))) {
      bounded.pool().addNode(new NodeSpec("n1", "default", SwitchPort.of(2, 4), MacAddress.of("0a:00:00:00:01:04"),
          1));
      bounded.registry().register(request(SteeringMode.REACTIVE)).get(5, TimeUnit.SECONDS);
      s1.take();
      for (int sport = 40000; sport < 40003; sport++) {
        assertThat(sipPacketIn(bounded, s1, 1, sport)).isEqualTo(Command.STOP);
      }
      assertThat(s1.take()).filteredOn(OFFlowAdd.class::isInstance).hasSize(3);
      assertThat(sipPacketIn(bounded, s1, 1, 40003)).as("the fourth flow is forwarded, not steered")
          .isEqualTo(Command.CONTINUE);
      assertThat(s1.take()).as("nothing written for it").isEmpty();
      assertThat(bounded.reactive().trackedFlows()).isEqualTo(3);
      assertThat(bounded.reactive().untrackedFlows()).isEqualTo(1);
      var registry = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
          io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
      SteeringMetrics.bind(registry, bounded, switches, clock);
      assertThat(registry.scrape()).as("an operator sees it").contains("netserv_steering_flows_tracked 3.0",
          "netserv_steering_flows_unsteered_total 1.0");
    }
  }

  /** A SIP packet from 10.0.0.1:SPORT to 10.0.0.2, untagged, arriving at a port of a switch. */
  private static Command sipPacketIn(Steering on, FakeSwitch sw, int inPort, int sport) {
    byte[] frame = java.util.HexFormat.of().parseHex("0a0000000002" + "0a0000000001" + "0800"
        + "4500002000004000401100000a0000010a000002" + String.format("%04x", sport) + "13c4000c0000" + "deadbeef");
    return on.reactive().receive(sw, PacketIns.of(sw.factory(), inPort, frame), PacketIns.context(inPort, frame));
  }

  private Command markedPacketIn(FakeSwitch sw, int inPort, int mark) {
    byte[] frame = java.util.HexFormat.of().parseHex("0a0000000002" + "0a0000000001" + "8100"
        + String.format("%04x", mark) + "0800" + "4500002000004000401100000a0000010a000002" + "9c4013c4000c0000"
        + "deadbeef");
    return steering.reactive().receive(sw, PacketIns.of(sw.factory(), inPort, frame), PacketIns.context(inPort,
        frame));
  }

  @Test
  void registeringAProactiveServiceWritesGroupsClassifiersAndTunnels() throws Exception {
    addNode("n1", 4);
    ServiceInfo info = registry.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    assertThat(info.id()).isEqualTo(1);
    List<OFMessage> atS1 = s1.take();
    assertThat(atS1).filteredOn(OFGroupAdd.class::isInstance).singleElement()
        .satisfies(g -> assertThat(((OFGroupAdd) g).getGroup()).isEqualTo(SteeringLayout.groupOf(
            new org.netservof.policy.steering.SteeredService(1, SIP))));
    assertThat(atS1).filteredOn(m -> m instanceof OFFlowAdd a && detail(a) == SteeringLayout.CLASSIFIER)
        .as("one classifier per edge port of s1: ports 1, 3, 4, 5").hasSize(4);
    List<OFMessage> atS2 = s2.take();
    assertThat(atS2).filteredOn(m -> m instanceof OFFlowAdd a && detail(a) == SteeringLayout.TUNNEL)
        .as("the node's switch pops the mark of frames arriving from s1").hasSize(1);
    assertThat(servicePorts.isServicePort(SwitchPort.of(2, 4))).isTrue();
  }

  @Test
  void onOpenVSwitchTheDefaultPlacementIsASplitNotAGroup() throws Exception {
    try (Steering byDefault = assemble(SteeringConfig.DEFAULTS)) {
      byDefault.pool().addNode(new NodeSpec("n1", "default", SwitchPort.of(2, 4), MacAddress.of("0a:00:00:00:01:04"),
          1));
      byDefault.registry().register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
      List<OFMessage> atS1 = s1.take();
      assertThat(atS1).noneMatch(OFGroupAdd.class::isInstance);
      assertThat(atS1).filteredOn(m -> m instanceof OFFlowAdd a && detail(a) == SteeringLayout.CLASSIFIER)
          .as("256 slots on each of the 4 edge ports").hasSize(4 * 256);
    }
  }

  @Test
  void aReactiveServiceInstallsTrapsOnly() throws Exception {
    addNode("n1", 4);
    registry.register(request(SteeringMode.REACTIVE)).get(5, TimeUnit.SECONDS);
    assertThat(s1.take()).filteredOn(OFFlowAdd.class::isInstance)
        .allSatisfy(m -> assertThat(detail((OFFlowAdd) m)).isIn(SteeringLayout.TRAP, SteeringLayout.TUNNEL,
            SteeringLayout.GUARD))
        .noneMatch(OFGroupAdd.class::isInstance);
  }

  @Test
  void aNodeWhosePortGoesDownLeavesTheGroupAndItsFlowsAreDeleted() throws Exception {
    addNode("n1", 4);
    addNode("n2", 5);
    registry.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    s1.take();
    s2.take();
    s2.setPortUp(5, false);
    steering.fabricEvents().portChanged(s2, s2.port(OFPort.of(5)).orElseThrow(), PortChange.DOWN);
    steering.installer().reconcile("test barrier").get(5, TimeUnit.SECONDS);
    assertThat(pool.node("n2").orElseThrow().healthy()).isFalse();
    assertThat(pool.node("n2").orElseThrow().status()).contains("down");
    List<OFMessage> atS1 = s1.take();
    assertThat(atS1).filteredOn(OFGroupModify.class::isInstance).singleElement()
        .satisfies(g -> assertThat(((OFGroupModify) g).getBuckets()).hasSize(1));
    assertThat(atS1).filteredOn(OFFlowDelete.class::isInstance).singleElement().satisfies(d -> {
      OFFlowDelete del = (OFFlowDelete) d;
      assertThat(del.getCookieMask()).isEqualTo(Cookie.ownerAndNodeMask());
      assertThat(Cookie.decode(del.getCookie()).node()).isEqualTo(2);
    });
    assertThat(s2.take()).filteredOn(OFFlowDeleteStrict.class::isInstance).as("n2's tunnel goes").isNotEmpty();
  }

  @Test
  void removingAServiceDeletesItsEntriesThenItsGroup() throws Exception {
    addNode("n1", 4);
    ServiceInfo info = registry.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    s1.take();
    registry.remove(info.id()).get(5, TimeUnit.SECONDS);
    List<OFMessage> atS1 = s1.take();
    int deleteEntry = indexOf(atS1, OFFlowDeleteStrict.class);
    int deleteGroup = indexOf(atS1, OFGroupDelete.class);
    assertThat(deleteEntry).isNotNegative().isLessThan(deleteGroup);
    assertThat(registry.services()).isEmpty();
    assertThatThrownBy(() -> registry.remove(info.id())).hasMessage("no service 1");
  }

  @Test
  void aServiceGoesWhenItsTtlRunsOutUnlessRefreshed() throws Exception {
    addNode("n1", 4);
    ServiceInfo info = registry.register(new ServiceRequest("sip", SIP, "default", SteeringMode.PROACTIVE,
        Optional.of(Duration.ofSeconds(30)))).get(5, TimeUnit.SECONDS);
    clock.advance(Duration.ofSeconds(20));
    registry.refresh(info.id(), Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(20));
    registry.expireDue();
    assertThat(registry.services()).hasSize(1);
    clock.advance(Duration.ofSeconds(11));
    registry.expireDue();
    assertThat(registry.services()).isEmpty();
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing() throws Exception {
    assertThatThrownBy(() -> registry.register(request(SteeringMode.PROACTIVE)))
        .isInstanceOf(SteeringException.class).hasMessage("pool 'default' has no nodes; add nodes to it first");
    addNode("n1", 4);
    assertThatThrownBy(() -> addNode("n1", 5)).hasMessage("node 'n1' exists already");
    assertThatThrownBy(() -> addNode("other", 4)).hasMessageContaining("already has node 'n1'");
    assertThatThrownBy(() -> pool.setNodeHealth("nope", false, "x")).hasMessage("no node 'nope'");
    assertThatThrownBy(() -> registry.refresh(42, Duration.ofSeconds(5))).hasMessage("no service 42");
    assertThat(registry.services()).isEmpty();
    assertThat(pool.nodes()).hasSize(1);
  }

  @Test
  void aWidePortRangeIsRefusedWhenAnOpenFlow10SwitchCannotHoldIt() throws Exception {
    switches.add(new FakeSwitch(3, OFVersion.OF_10, 2));
    topology.rebuild();
    addNode("n1", 4);
    assertThatThrownBy(() -> registry.register(new ServiceRequest("wide", Filter.of(Protocol.TCP)
        .withDstPorts(new PortRange(1000, 3000)), "default", SteeringMode.REACTIVE, Optional.empty())))
        .hasMessageContaining("cannot be installed").hasMessageContaining("OpenFlow 1.0");
    assertThat(registry.services()).isEmpty();
  }

  @Test
  void theHealthHookTakesANodeOutAndPutsItBack() throws Exception {
    addNode("n1", 4);
    registry.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    Snapshot.Audience audience = new Snapshot.Audience("default", Optional.empty());
    pool.setNodeHealth("n1", false, "missed 3 heartbeats");
    assertThat(pool.node("n1").orElseThrow().healthy()).isFalse();
    assertThat(pool.node("n1").orElseThrow().status()).isEqualTo("missed 3 heartbeats");
    assertThat(steering.state().snapshot().healthy(audience)).isEmpty();
    pool.setNodeHealth("n1", true, "heartbeats resumed");
    assertThat(steering.state().snapshot().healthy(audience)).hasSize(1);
  }

  @Test
  void aUsersServiceGoesOnlyToNodesWhereTheUsersContainerIsReadyWithAMarkOfItsOwn() throws Exception {
    addNode("n1", 4);
    addNode("n2", 5);
    registry.register(new ServiceRequest("sip", SIP, "default", SteeringMode.PROACTIVE, Optional.empty(),
        Optional.of("alice"))).get(5, TimeUnit.SECONDS);
    Snapshot.Audience alice = new Snapshot.Audience("default", Optional.of("alice"));
    assertThat(steering.state().snapshot().healthy(alice)).as("no container ready yet").isEmpty();
    pool.setContainerReady("n2", "alice", true, "NetMonitor installed");
    assertThat(steering.state().snapshot().healthy(alice)).singleElement().satisfies(t -> {
      assertThat(t.id()).isEqualTo("n2");
      assertThat(t.tagged()).isTrue();
      assertThat(t.mark()).isNotEqualTo(pool.node("n2").orElseThrow().mark());
    });
    int aliceOnN2 = pool.containerMark("n2", "alice");
    assertThat(steering.state().snapshot().healthy(alice).get(0).mark()).isEqualTo(aliceOnN2);
    assertThat(pool.containerMark("n2", "bob")).as("another user, another mark").isNotEqualTo(aliceOnN2);
    assertThat(pool.containerMark("n2", "alice")).as("stable").isEqualTo(aliceOnN2);
    pool.setContainerReady("n2", "alice", false, "container crashed");
    assertThat(steering.state().snapshot().healthy(alice)).isEmpty();
    assertThatThrownBy(() -> pool.setContainerReady("n9", "alice", true, "x")).hasMessage("no node 'n9'");
  }

  @Test
  void aContainerReportedReadyAgainChangesNothingAndPlansNothing() throws Exception {
    // An agent reports the user's container ready after every module it loads into it: a second module for a
    // running container must not re-plan steering for every service (it delayed the new service's start).
    addNode("n2", 5);
    pool.setContainerReady("n2", "alice", true, "NetMonitor installed");
    try (org.netservof.controller.testing.LogCapture logs =
        new org.netservof.controller.testing.LogCapture(ch.qos.logback.classic.Level.INFO)) {
      pool.setContainerReady("n2", "alice", true, "KeepAliveResponder installed");
      pool.setContainerReady("n2", "bob", false, "never started");
      // Only the pool's own lines: the fake switches' audit, asynchronous, may log meanwhile.
      assertThat(logs.problems()).filteredOn(l -> l.contains("NodePool")).as("no change, so nothing logged or planned")
          .isEmpty();
      pool.setContainerReady("n2", "alice", false, "container crashed");
      assertThat(logs.problems()).anySatisfy(l -> assertThat(l).contains("is not ready (container crashed)"));
    }
  }

  @Test
  void aDrainedNodeTakesNoNewFlowsKeepsItsTunnelAndDrainingIsRefusedUnderAProactiveService() throws Exception {
    addNode("n1", 4);
    addNode("n2", 5);
    registry.register(request(SteeringMode.REACTIVE)).get(5, TimeUnit.SECONDS);
    Snapshot.Audience audience = new Snapshot.Audience("default", java.util.Optional.empty());
    assertThat(steering.state().snapshot().healthy(audience)).hasSize(2);
    s1.take();
    s2.take();
    pool.drainNode("n1").get(5, TimeUnit.SECONDS);
    assertThat(steering.state().snapshot().healthy(audience)).as("new flows").singleElement()
        .satisfies(t -> assertThat(t.id()).isEqualTo("n2"));
    assertThat(steering.state().snapshot().draining()).singleElement().satisfies(t -> assertThat(t.id()).isEqualTo("n1"));
    assertThat(pool.node("n1").orElseThrow().draining()).isTrue();
    assertThat(pool.node("n1").orElseThrow().healthy()).as("still healthy: its flows finish there").isTrue();
    assertThat(s2.take()).as("n1's tunnel stays").noneMatch(m -> m instanceof OFFlowDeleteStrict
        || m instanceof OFFlowDelete);

    registry.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> pool.drainNode("n2")).isInstanceOf(SteeringException.class)
        .hasMessageContaining("proactive service");
    assertThatThrownBy(() -> pool.drainNode("n9")).hasMessage("no node 'n9'");
  }

  // ---- helpers ----

  private void addNode(String id, int port) throws SteeringException {
    pool.addNode(new NodeSpec(id, "default", SwitchPort.of(2, port), MacAddress.of(0x0a0000000100L + port), 1));
  }

  private static ServiceRequest request(SteeringMode mode) {
    return new ServiceRequest("sip", SIP, "default", mode, Optional.empty());
  }

  private static int detail(OFFlowAdd add) {
    return Cookie.decode(add.getCookie()).detail();
  }

  private static int indexOf(List<OFMessage> messages, Class<?> kind) {
    for (int i = 0; i < messages.size(); i++) {
      if (kind.isInstance(messages.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** s1 and s2 joined by one cable; the other up ports are edge ports unless they are service ports. */
  private final class FixedTopology implements TopologyService {
    private Topology current;
    private Optional<Link> extraCable = Optional.empty();

    void rebuild() {
      Map<DatapathId, Set<SwitchPort>> ports = new HashMap<>();
      for (var sw : switches.switches()) {
        Set<SwitchPort> p = new HashSet<>();
        sw.ports().forEach(d -> p.add(new SwitchPort(sw.id(), d.getPortNo())));
        ports.put(sw.id(), p);
      }
      Link cable = new Link(SwitchPort.of(1, 2), SwitchPort.of(2, 3));
      Set<Link> links = new HashSet<>(Set.of(cable, cable.reverse()));
      extraCable.ifPresent(c -> links.addAll(Set.of(c, c.reverse())));
      current = new TopologyGraph(clock.instant(), ports, links, Set.of(),
          servicePorts.servicePorts(), Map.of(), 16);
    }

    @Override
    public Topology current() {
      rebuild();
      return current;
    }

    @Override
    public void addListener(TopologyListener listener) {}

    @Override
    public void removeListener(TopologyListener listener) {}
  }
}
