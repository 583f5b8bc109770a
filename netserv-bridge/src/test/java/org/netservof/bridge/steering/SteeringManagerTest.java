package org.netservof.bridge.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.controller.topology.TopologyGraph;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.steering.SteeringLayout;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * The steering manager over two fake switches (s1 port 1 host, s2 port 1 host, cable s1:2 - s2:3, nodes on
 * port 4 and 5 of s2): what it writes when services and nodes come and go.
 */
class SteeringManagerTest {
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));
  private final FakeClock clock = new FakeClock();
  private final FakeSwitchService switches = new FakeSwitchService();
  private final FakeSwitch s1 = new FakeSwitch(1, OFVersion.OF_13, 5);
  private final FakeSwitch s2 = new FakeSwitch(2, OFVersion.OF_13, 5);
  private final Ports servicePorts = new Ports();
  private final FixedTopology topology = new FixedTopology();
  // SELECT groups, not the split the default picks for Open vSwitch (which FakeSwitch says it is).
  private final SteeringManager manager = new SteeringManager(switches, topology, servicePorts,
      new SteeringConfig("3000-3999", Duration.ofSeconds(30), "group", 8, List.of()), clock, new FlowTracker());

  SteeringManagerTest() {
    switches.add(s1).add(s2);
    topology.rebuild();
  }

  @AfterEach
  void stop() {
    manager.shutDown();
  }

  @Test
  void registeringAProactiveServiceWritesGroupsClassifiersAndTunnels() throws Exception {
    addNode("n1", 4);
    ServiceInfo info = manager.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
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
    SteeringManager byDefault = new SteeringManager(switches, topology, servicePorts, SteeringConfig.DEFAULTS, clock,
        new FlowTracker());
    try {
      byDefault.addNode(new NodeSpec("n1", "default", SwitchPort.of(2, 4), MacAddress.of("0a:00:00:00:01:04"), 1));
      byDefault.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
      List<OFMessage> atS1 = s1.take();
      assertThat(atS1).noneMatch(OFGroupAdd.class::isInstance);
      assertThat(atS1).filteredOn(m -> m instanceof OFFlowAdd a && detail(a) == SteeringLayout.CLASSIFIER)
          .as("256 slots on each of the 4 edge ports").hasSize(4 * 256);
    } finally {
      byDefault.shutDown();
    }
  }

  @Test
  void aReactiveServiceInstallsTrapsOnly() throws Exception {
    addNode("n1", 4);
    manager.register(request(SteeringMode.REACTIVE)).get(5, TimeUnit.SECONDS);
    assertThat(s1.take()).filteredOn(OFFlowAdd.class::isInstance)
        .allSatisfy(m -> assertThat(detail((OFFlowAdd) m)).isIn(SteeringLayout.TRAP, SteeringLayout.TUNNEL))
        .noneMatch(OFGroupAdd.class::isInstance);
  }

  @Test
  void aNodeWhosePortGoesDownLeavesTheGroupAndItsFlowsAreDeleted() throws Exception {
    addNode("n1", 4);
    addNode("n2", 5);
    manager.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    s1.take();
    s2.take();
    s2.setPortUp(5, false);
    manager.portChanged(s2, s2.port(OFPort.of(5)).orElseThrow(), PortChange.DOWN);
    manager.reconcile("test barrier").get(5, TimeUnit.SECONDS);
    assertThat(manager.node("n2").orElseThrow().healthy()).isFalse();
    assertThat(manager.node("n2").orElseThrow().status()).contains("down");
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
    ServiceInfo info = manager.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    s1.take();
    manager.remove(info.id()).get(5, TimeUnit.SECONDS);
    List<OFMessage> atS1 = s1.take();
    int deleteEntry = indexOf(atS1, OFFlowDeleteStrict.class);
    int deleteGroup = indexOf(atS1, OFGroupDelete.class);
    assertThat(deleteEntry).isNotNegative().isLessThan(deleteGroup);
    assertThat(manager.services()).isEmpty();
    assertThatThrownBy(() -> manager.remove(info.id())).hasMessage("no service 1");
  }

  @Test
  void aServiceGoesWhenItsTtlRunsOutUnlessRefreshed() throws Exception {
    addNode("n1", 4);
    ServiceInfo info = manager.register(new ServiceRequest("sip", SIP, "default", SteeringMode.PROACTIVE,
        Optional.of(Duration.ofSeconds(30)))).get(5, TimeUnit.SECONDS);
    clock.advance(Duration.ofSeconds(20));
    manager.refresh(info.id(), Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(20));
    manager.expireDue();
    assertThat(manager.services()).hasSize(1);
    clock.advance(Duration.ofSeconds(11));
    manager.expireDue();
    assertThat(manager.services()).isEmpty();
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing() throws Exception {
    assertThatThrownBy(() -> manager.register(request(SteeringMode.PROACTIVE)))
        .isInstanceOf(SteeringException.class).hasMessage("pool 'default' has no nodes; add nodes to it first");
    addNode("n1", 4);
    assertThatThrownBy(() -> addNode("n1", 5)).hasMessage("node 'n1' exists already");
    assertThatThrownBy(() -> addNode("other", 4)).hasMessageContaining("already has node 'n1'");
    assertThatThrownBy(() -> manager.setNodeHealth("nope", false, "x")).hasMessage("no node 'nope'");
    assertThatThrownBy(() -> manager.refresh(42, Duration.ofSeconds(5))).hasMessage("no service 42");
    assertThat(manager.services()).isEmpty();
    assertThat(manager.nodes()).hasSize(1);
  }

  @Test
  void aWidePortRangeIsRefusedWhenAnOpenFlow10SwitchCannotHoldIt() throws Exception {
    switches.add(new FakeSwitch(3, OFVersion.OF_10, 2));
    topology.rebuild();
    addNode("n1", 4);
    assertThatThrownBy(() -> manager.register(new ServiceRequest("wide", Filter.of(Protocol.TCP)
        .withDstPorts(new PortRange(1000, 3000)), "default", SteeringMode.REACTIVE, Optional.empty())))
        .hasMessageContaining("cannot be installed").hasMessageContaining("OpenFlow 1.0");
    assertThat(manager.services()).isEmpty();
  }

  @Test
  void theHealthHookTakesANodeOutAndPutsItBack() throws Exception {
    addNode("n1", 4);
    manager.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    Snapshot.Audience audience = new Snapshot.Audience("default", Optional.empty());
    manager.setNodeHealth("n1", false, "missed 3 heartbeats");
    assertThat(manager.node("n1").orElseThrow().healthy()).isFalse();
    assertThat(manager.node("n1").orElseThrow().status()).isEqualTo("missed 3 heartbeats");
    assertThat(manager.snapshot().healthy(audience)).isEmpty();
    manager.setNodeHealth("n1", true, "heartbeats resumed");
    assertThat(manager.snapshot().healthy(audience)).hasSize(1);
  }

  @Test
  void aUsersServiceGoesOnlyToNodesWhereTheUsersContainerIsReadyWithAMarkOfItsOwn() throws Exception {
    addNode("n1", 4);
    addNode("n2", 5);
    manager.register(new ServiceRequest("sip", SIP, "default", SteeringMode.PROACTIVE, Optional.empty(),
        Optional.of("alice"))).get(5, TimeUnit.SECONDS);
    Snapshot.Audience alice = new Snapshot.Audience("default", Optional.of("alice"));
    assertThat(manager.snapshot().healthy(alice)).as("no container ready yet").isEmpty();
    manager.setContainerReady("n2", "alice", true, "NetMonitor installed");
    assertThat(manager.snapshot().healthy(alice)).singleElement().satisfies(t -> {
      assertThat(t.id()).isEqualTo("n2");
      assertThat(t.tagged()).isTrue();
      assertThat(t.mark()).isNotEqualTo(manager.node("n2").orElseThrow().mark());
    });
    int aliceOnN2 = manager.containerMark("n2", "alice");
    assertThat(manager.snapshot().healthy(alice).get(0).mark()).isEqualTo(aliceOnN2);
    assertThat(manager.containerMark("n2", "bob")).as("another user, another mark").isNotEqualTo(aliceOnN2);
    assertThat(manager.containerMark("n2", "alice")).as("stable").isEqualTo(aliceOnN2);
    manager.setContainerReady("n2", "alice", false, "container crashed");
    assertThat(manager.snapshot().healthy(alice)).isEmpty();
    assertThatThrownBy(() -> manager.setContainerReady("n9", "alice", true, "x")).hasMessage("no node 'n9'");
  }

  @Test
  void aDrainedNodeTakesNoNewFlowsKeepsItsTunnelAndDrainingIsRefusedUnderAProactiveService() throws Exception {
    addNode("n1", 4);
    addNode("n2", 5);
    manager.register(request(SteeringMode.REACTIVE)).get(5, TimeUnit.SECONDS);
    Snapshot.Audience audience = new Snapshot.Audience("default", java.util.Optional.empty());
    assertThat(manager.snapshot().healthy(audience)).hasSize(2);
    s1.take();
    s2.take();
    manager.drainNode("n1").get(5, TimeUnit.SECONDS);
    assertThat(manager.snapshot().healthy(audience)).as("new flows").singleElement()
        .satisfies(t -> assertThat(t.id()).isEqualTo("n2"));
    assertThat(manager.snapshot().draining()).singleElement().satisfies(t -> assertThat(t.id()).isEqualTo("n1"));
    assertThat(manager.node("n1").orElseThrow().draining()).isTrue();
    assertThat(manager.node("n1").orElseThrow().healthy()).as("still healthy: its flows finish there").isTrue();
    assertThat(s2.take()).as("n1's tunnel stays").noneMatch(m -> m instanceof OFFlowDeleteStrict
        || m instanceof OFFlowDelete);

    manager.register(request(SteeringMode.PROACTIVE)).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> manager.drainNode("n2")).isInstanceOf(SteeringException.class)
        .hasMessageContaining("proactive service");
    assertThatThrownBy(() -> manager.drainNode("n9")).hasMessage("no node 'n9'");
  }

  // ---- helpers ----

  private void addNode(String id, int port) throws SteeringException {
    manager.addNode(new NodeSpec(id, "default", SwitchPort.of(2, port), MacAddress.of(0x0a0000000100L + port), 1));
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

    void rebuild() {
      Map<DatapathId, Set<SwitchPort>> ports = new HashMap<>();
      for (var sw : switches.switches()) {
        Set<SwitchPort> p = new HashSet<>();
        sw.ports().forEach(d -> p.add(new SwitchPort(sw.id(), d.getPortNo())));
        ports.put(sw.id(), p);
      }
      Link cable = new Link(SwitchPort.of(1, 2), SwitchPort.of(2, 3));
      current = new TopologyGraph(clock.instant(), ports, Set.of(cable, cable.reverse()), Set.of(),
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

  private static final class Ports implements ServicePortService {
    private final Map<SwitchPort, String> owners = new HashMap<>();

    @Override
    public void reserve(SwitchPort port, String owner) {
      owners.put(port, owner);
    }

    @Override
    public void release(SwitchPort port, String owner) {
      owners.remove(port, owner);
    }

    @Override
    public Set<SwitchPort> servicePorts() {
      return Set.copyOf(owners.keySet());
    }

    @Override
    public boolean isServicePort(SwitchPort port) {
      return owners.containsKey(port);
    }

    @Override
    public void addListener(Runnable onChange) {}

    @Override
    public void removeListener(Runnable onChange) {}
  }
}
