package org.netservof.controller.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostCounts;
import org.netservof.controller.api.fabric.HostEvent;
import org.netservof.controller.api.fabric.HostListener;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeTopologyService;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.topology.TopologyGraph;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.packet.ArpHeader;
import org.netservof.policy.packet.EthernetFrame;
import org.netservof.policy.steering.SteeringNode;
import org.netservof.policy.steering.SteeringPlanner;
import org.netservof.policy.testing.FakeFlowTable;
import org.netservof.policy.testing.FakeFlowTable.Packet;
import org.netservof.policy.testing.FakeFlowTable.Trace;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Fabric forwarding on a ring of four fake switches (1-2-3-4-1; port 1 of each has a host; port 2 goes to
 * the next switch, port 3 to the previous one): what it writes to which switch, checked against the
 * topology it was given.
 */
class FabricForwardingTest {
  private static final MacAddress H1 = MacAddress.of("0a:00:00:00:00:01");
  private static final MacAddress H2 = MacAddress.of("0a:00:00:00:00:02");
  private static final MacAddress H3 = MacAddress.of("0a:00:00:00:00:03");
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private final FakeSwitchService switches = new FakeSwitchService();
  private final Map<Integer, FakeSwitch> sw = new HashMap<>();
  private final FakeTopologyService topology = new FakeTopologyService(null);
  private final FakeHosts hosts = new FakeHosts();
  private FabricForwarding forwarding;

  void setUp(OFVersion version) {
    for (int i = 1; i <= 4; i++) {
      FakeSwitch s = new FakeSwitch(i, version, 3);
      sw.put(i, s);
      switches.add(s);
    }
    topology.set(ring(Set.of()));
    forwarding = new FabricForwarding(switches, topology, hosts, ForwardingConfig.DEFAULTS);
    hosts.put(H1, "10.0.0.1", SwitchPort.of(1, 1));
    hosts.put(H2, "10.0.0.2", SwitchPort.of(2, 1));
    hosts.put(H3, "10.0.0.3", SwitchPort.of(3, 1));
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void aKnownDestinationGetsEntriesOnEverySwitchOfThePathThenThePacket(OFVersion version) {
    setUp(version);
    packetIn(1, 1, H1, H3, arpless());
    List<OFMessage> s1 = sw.get(1).take();
    List<OFMessage> s3 = sw.get(3).take();
    List<OFMessage> middle = new ArrayList<>(sw.get(2).take());
    middle.addAll(sw.get(4).take());
    // Ingress: its entry (which reports its removal) and then the packet out of the path's first port.
    OFFlowAdd ingress = (OFFlowAdd) s1.get(0);
    assertThat(ingress.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
    assertThat(ingress.getMatch().get(MatchField.ETH_DST)).isEqualTo(H3);
    assertThat(ingress.getFlags()).contains(OFFlowModFlags.SEND_FLOW_REM);
    assertThat(Cookie.decode(ingress.getCookie())).isEqualTo(Cookie.of(CookieOwner.FORWARDING, RouteCompiler.INGRESS));
    OFPort firstOut = outputs(ingress, version).get(0);
    assertThat(s1.get(1)).isInstanceOfSatisfying(OFPacketOut.class,
        po -> assertThat(outputs(po.getActions())).containsExactly(firstOut));
    // Exactly one of the two equal middles carries the route, entering on the port facing switch 1.
    assertThat(middle).hasSize(1);
    OFFlowAdd transit = (OFFlowAdd) middle.get(0);
    assertThat(transit.getFlags()).doesNotContain(OFFlowModFlags.SEND_FLOW_REM);
    // Egress: out of the host port.
    OFFlowAdd egress = (OFFlowAdd) s3.get(0);
    assertThat(outputs(egress, version)).containsExactly(OFPort.of(1));
    assertThat(forwarding.activeRoutes()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void whatForwardingWritesTakesTheFlowToItsHostAndNothingElse(OFVersion version) {
    setUp(version);
    packetIn(1, 1, H1, H3, arpless());
    FakeFlowTable tables = new FakeFlowTable();
    for (int i = 1; i <= 4; i++) {
      tables.addSwitch(i, version).edge(i, 1).cable(i, 2, i % 4 + 1, 3);
      tables.write(sw.get(i).id(), sw.get(i).take());
    }
    Packet toH3 = Packet.udp("10.0.0.1", "10.0.0.3", 40000, 5060).withMacs(H1, H3);
    Trace there = tables.send(toH3, SwitchPort.of(1, 1));
    assertThat(there.deliveredTo()).as("h1 to h3, through %s", there.steps()).contains(SwitchPort.of(3, 1));
    assertThat(there.steps()).as("the path has three switches").hasSize(3);
    assertThat(tables.send(toH3.withMacs(H3, H1), SwitchPort.of(3, 1)).missed()).as("the way back is not "
        + "installed until its own first packet").isTrue();
    assertThat(tables.send(toH3.withMacs(H1, H2), SwitchPort.of(1, 1)).missed()).as("another destination")
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void aPacketOfTheReservedIpProtocolIsForwardedLikeAnyOther(OFVersion version) {
    setUp(version);
    // IPv4 protocol 255, as the standard controller benchmark (cbench) sends: it used to stop the chain.
    byte[] frame = java.util.HexFormat.of().parseHex("0a0000000003" + "0a0000000001" + "0800"
        + "45000020000040004" + "0ff00000a0000010a000003" + "0000000000000000" + "00000000");
    packetIn(1, 1, H1, H3, frame);
    List<OFMessage> s1 = sw.get(1).take();
    assertThat(s1).hasSize(2);
    assertThat(((OFFlowAdd) s1.get(0)).getMatch().get(MatchField.ETH_DST)).isEqualTo(H3);
    assertThat(s1.get(1)).isInstanceOf(OFPacketOut.class);
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void aBufferedPacketIsSentByItsEntryOnAOneSwitchRouteAndByAPacketOutOtherwise(OFVersion version) {
    setUp(version);
    // Over the link from switch 2 into switch 3, for h3 on switch 3: a route of one switch.
    packetIn(3, 3, H1, H3, arpless(), OFBufferId.of(77));
    List<OFMessage> buffered = sw.get(3).take();
    assertThat(buffered).as("one FLOW_MOD, no PACKET_OUT").hasSize(1);
    OFFlowAdd entry = (OFFlowAdd) buffered.get(0);
    assertThat(entry.getBufferId()).isEqualTo(OFBufferId.of(77));
    assertThat(entry.getMatch().get(MatchField.ETH_DST)).isEqualTo(H3);
    assertThat(outputs(entry, version)).containsExactly(OFPort.of(1));

    packetIn(3, 3, H1, H3, arpless());
    List<OFMessage> unbuffered = sw.get(3).take();
    assertThat(unbuffered).hasSize(2);
    assertThat(((OFFlowAdd) unbuffered.get(0)).getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
    assertThat(unbuffered.get(1)).isInstanceOfSatisfying(OFPacketOut.class, po -> {
      assertThat(po.getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
      assertThat(po.getData()).hasSize(60);
      assertThat(outputs(po.getActions())).containsExactly(OFPort.of(1));
    });

    packetIn(1, 1, H1, H3, arpless(), OFBufferId.of(78));
    List<OFMessage> s1 = sw.get(1).take();
    // A longer route: the ingress entry must not release the packet before the entries downstream are confirmed.
    assertThat(((OFFlowAdd) s1.get(0)).getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
    assertThat(s1.get(1)).isInstanceOfSatisfying(OFPacketOut.class,
        po -> assertThat(po.getBufferId()).isEqualTo(OFBufferId.of(78)));
    assertThat(((OFFlowAdd) sw.get(3).take().get(0)).getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void broadcastFollowsTheTreeAndDiesOnBlockedPorts(OFVersion version) {
    setUp(version);
    // The ring's blocked cable is 3:2 <-> 4:3 (tree is breadth-first from switch 1).
    packetIn(3, 1, H3, MacAddress.BROADCAST, arpless());
    assertThat(outputs(((OFPacketOut) sw.get(3).take().get(0)).getActions())).containsExactly(OFPort.of(3));
    packetIn(4, 3, H3, MacAddress.BROADCAST, arpless());
    assertThat(sw.get(4).take()).as("a broadcast over the blocked cable is dropped").isEmpty();
    packetIn(2, 2, H3, MacAddress.BROADCAST, arpless());
    assertThat(outputs(((OFPacketOut) sw.get(2).take().get(0)).getActions()))
        .containsExactlyInAnyOrder(OFPort.of(1), OFPort.of(3));
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void unknownDestinationsAreFloodedAndQuarantinedPortsAreIgnored(OFVersion version) {
    setUp(version);
    packetIn(1, 1, H1, MacAddress.of("0a:00:00:00:00:99"), arpless());
    assertThat(outputs(((OFPacketOut) sw.get(1).take().get(0)).getActions()))
        .containsExactlyInAnyOrder(OFPort.of(2), OFPort.of(3));
    topology.set(ring(Set.of(SwitchPort.of(1, 1))));
    packetIn(1, 1, H1, H3, arpless());
    assertThat(sw.get(1).take()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void arpForAKnownHostIsAnsweredFromTheHostTable(OFVersion version) {
    setUp(version);
    packetIn(1, 1, H1, MacAddress.BROADCAST, arpRequest(H1, "10.0.0.1", "10.0.0.3"));
    OFPacketOut reply = (OFPacketOut) sw.get(1).take().get(0);
    assertThat(outputs(reply.getActions())).containsExactly(OFPort.of(1));
    EthernetFrame frame = parse(reply.getData());
    assertThat(frame.dst()).isEqualTo(H1);
    assertThat(frame.arp().orElseThrow().senderMac()).isEqualTo(H3);
    assertThat(frame.arp().orElseThrow().opcode()).isEqualTo(ArpHeader.REPLY);
    assertThat(forwarding.arpAnswered()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void aLinkGoingAwayDeletesTheRoutesOverItOnEverySwitch(OFVersion version) {
    setUp(version);
    packetIn(1, 1, H1, H2, arpless()); // neighbours: path 1 -> 2 over cable 1:2 - 2:3
    packetIn(3, 1, H3, H1, arpless());
    takeAll();
    Topology before = topology.current();
    Set<SwitchPort> none = Set.of();
    topology.set(new TopologyGraph(NOW, ports(), ringLinksWithout(1), none, Set.of(), Map.of(), 16));
    forwarding.topologyChanged(before, topology.current());
    List<OFMessage> s1 = sw.get(1).take();
    List<OFMessage> s2 = sw.get(2).take();
    assertThat(s1).singleElement().isInstanceOfSatisfying(OFFlowDelete.class, d -> {
      assertThat(d.getMatch().get(MatchField.ETH_DST)).isEqualTo(H2);
      assertThat(d.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
    });
    assertThat(s2).singleElement().isInstanceOf(OFFlowDelete.class);
    assertThat(forwarding.activeRoutes()).as("the route from H3 did not cross the cable").isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void aHostThatMovesTakesItsRoutesWithIt(OFVersion version) {
    setUp(version);
    packetIn(1, 1, H1, H2, arpless());
    takeAll();
    Host before = hosts.byMac(H2).orElseThrow();
    Host after = hosts.put(H2, "10.0.0.2", SwitchPort.of(4, 1));
    forwarding.hostChanged(new HostEvent(HostEvent.Type.MOVED, Optional.of(before), after));
    assertThat(sw.get(1).take()).singleElement().isInstanceOf(OFFlowDelete.class);
    assertThat(forwarding.activeRoutes()).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void aFrameInTransitWhoseEntryWentGetsTheRestOfItsRouteFromThere(OFVersion version) {
    setUp(version);
    packetIn(2, 3, H1, H3, arpless()); // arrived at switch 2 from switch 1
    List<OFMessage> s2 = sw.get(2).take();
    assertThat(s2).hasSize(2);
    assertThat(((OFFlowAdd) s2.get(0)).getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(3));
    assertThat(s2.get(1)).isInstanceOfSatisfying(OFPacketOut.class,
        po -> assertThat(outputs(po.getActions())).containsExactly(OFPort.of(2)));
    assertThat(sw.get(3).take()).hasSize(1);
    assertThat(sw.get(1).take()).as("nothing goes back toward where it came from").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void whatANodeSendsBackIsRoutedFromItsPortAboveEverySteeringEntry(OFVersion version) {
    setUp(version);
    Set<SwitchPort> service = Set.of(SwitchPort.of(2, 1));
    topology.set(new TopologyGraph(NOW, ports(), ringLinksWithout(0), Set.of(), service, Map.of(), 16));
    packetIn(2, 1, H1, H3, arpless());
    OFFlowAdd first = (OFFlowAdd) sw.get(2).take().get(0);
    assertThat(first.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
    assertThat(first.getPriority()).isEqualTo(org.netservof.policy.layout.PriorityBand.RETURN_FROM_NODE.base());
    assertThat(sw.get(3).take()).singleElement().isInstanceOfSatisfying(OFFlowAdd.class,
        e -> assertThat(e.getPriority()).isEqualTo(org.netservof.policy.layout.PriorityBand.FORWARDING.base()));
    // And a broadcast from a node is flooded, but never into another service port.
    packetIn(2, 1, H1, MacAddress.BROADCAST, arpless());
    assertThat(outputs(((OFPacketOut) sw.get(2).take().get(0)).getActions())).doesNotContain(OFPort.of(1));
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_13"})
  void aPortGoingDownTakesTheRoutesThatUseIt(OFVersion version) {
    setUp(version);
    packetIn(1, 1, H1, H3, arpless());
    takeAll();
    forwarding.portChanged(sw.get(3), sw.get(3).port(OFPort.of(1)).orElseThrow(),
        org.netservof.controller.api.PortChange.DOWN);
    assertThat(sw.get(1).take()).singleElement().isInstanceOf(OFFlowDelete.class);
    assertThat(forwarding.activeRoutes()).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void aTaggedFrameFromAHostRidesNoRouteAndIsNeitherRoutedNorFloodedWhenSentUp(OFVersion version) {
    setUp(version);
    packetIn(1, 1, H1, H3, arpless());
    FakeFlowTable tables = ringTables(version);
    // A node on switch 3 takes the frames that arrive over a link tagged with its mark.
    SteeringNode node = new SteeringNode("n1", 1, SwitchPort.of(3, 4), 1, 3001);
    SteeringPlanner.tunnels(tables, List.of(node)).flows().forEach(tables::add);
    Packet toH3 = Packet.udp("10.0.0.1", "10.0.0.3", 40000, 5060).withMacs(H1, H3);
    for (int vid : List.of(3001, 3000, 3002, 2999, 4094)) {
      Trace t = tables.send(toH3.withVlan(OptionalInt.of(vid)), SwitchPort.of(1, 1));
      assertThat(t.deliveredTo()).as("h1's frame tagged %d, through %s", vid, t.steps()).isEmpty();
      assertThat(t.missed()).as("h1's route takes untagged frames only").isTrue();
    }
    assertThat(tables.send(toH3, SwitchPort.of(1, 1)).deliveredTo()).contains(SwitchPort.of(3, 1));

    packetIn(1, 1, H1, H3, tagged(H1, H3, 3001));
    packetIn(1, 1, H1, MacAddress.of("0a:00:00:00:00:99"), tagged(H1, MacAddress.of("0a:00:00:00:00:99"), 3001));
    packetIn(1, 1, H1, MacAddress.BROADCAST, tagged(H1, MacAddress.BROADCAST, 3001));
    sw.values().forEach(s -> assertThat(s.take()).as("switch %s", s.id()).isEmpty());
    assertThat(forwarding.taggedDropped()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void aMarkedFrameFromANodesPortIsRoutedWithItsMarkPopped(OFVersion version) {
    setUp(version);
    Set<SwitchPort> service = Set.of(SwitchPort.of(2, 1));
    topology.set(new TopologyGraph(NOW, ports(), ringLinksWithout(0), Set.of(), service, Map.of(), 16));
    packetIn(2, 1, H1, H3, tagged(H1, H3, 3001));
    FakeFlowTable tables = ringTables(version);
    Packet fromNode = Packet.udp("10.0.0.1", "10.0.0.3", 40000, 5060).withMacs(H1, H3).withVlan(OptionalInt.of(3001));
    Trace t = tables.send(fromNode, SwitchPort.of(2, 1));
    assertThat(t.deliveredTo()).as("through %s", t.steps()).contains(SwitchPort.of(3, 1));
    assertThat(t.delivered().orElseThrow().vlan()).isEmpty();
  }

  /** The ring as flow tables, holding what forwarding wrote so far. */
  private FakeFlowTable ringTables(OFVersion version) {
    FakeFlowTable tables = new FakeFlowTable();
    for (int i = 1; i <= 4; i++) {
      tables.addSwitch(i, version).edge(i, 1).cable(i, 2, i % 4 + 1, 3);
      tables.write(sw.get(i).id(), sw.get(i).take());
    }
    return tables;
  }

  /** A frame of the local experimental EtherType, tagged with {@code vid}. */
  private static byte[] tagged(MacAddress src, MacAddress dst, int vid) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
    b.put(dst.getBytes()).put(src.getBytes()).putShort((short) 0x8100).putShort((short) vid)
        .putShort((short) 0x88b5);
    return b.array();
  }

  // ---- the ring and its fakes ----

  private static Map<DatapathId, Set<SwitchPort>> ports() {
    Map<DatapathId, Set<SwitchPort>> ports = new HashMap<>();
    for (int s = 1; s <= 4; s++) {
      ports.put(DatapathId.of(s), Set.of(SwitchPort.of(s, 1), SwitchPort.of(s, 2), SwitchPort.of(s, 3)));
    }
    return ports;
  }

  /** Cable i joins switch i port 2 to switch i+1 port 3. */
  private static Set<Link> ringLinksWithout(int missing) {
    Set<Link> links = new HashSet<>();
    for (int s = 1; s <= 4; s++) {
      if (s != missing) {
        Link l = new Link(SwitchPort.of(s, 2), SwitchPort.of(s % 4 + 1, 3));
        links.add(l);
        links.add(l.reverse());
      }
    }
    return links;
  }

  private static TopologyGraph ring(Set<SwitchPort> quarantined) {
    return new TopologyGraph(NOW, ports(), ringLinksWithout(0), quarantined, Set.of(), Map.of(), 16);
  }

  private void takeAll() {
    sw.values().forEach(FakeSwitch::take);
  }

  private byte[] arpless() {
    return null;
  }

  private static byte[] arpRequest(MacAddress from, String fromIp, String targetIp) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(60);
    b.put(MacAddress.BROADCAST.getBytes()).put(from.getBytes()).putShort((short) 0x0806)
        .putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1)
        .put(from.getBytes()).putInt(IPv4Address.of(fromIp).getInt())
        .put(new byte[6]).putInt(IPv4Address.of(targetIp).getInt());
    return b.array();
  }

  private void packetIn(int dpid, int inPort, MacAddress src, MacAddress dst, byte[] frameOrNull) {
    packetIn(dpid, inPort, src, dst, frameOrNull, OFBufferId.NO_BUFFER);
  }

  private void packetIn(int dpid, int inPort, MacAddress src, MacAddress dst, byte[] frameOrNull,
      OFBufferId buffer) {
    byte[] frame = frameOrNull;
    if (frame == null) {
      frame = new byte[60];
      System.arraycopy(dst.getBytes(), 0, frame, 0, 6);
      System.arraycopy(src.getBytes(), 0, frame, 6, 6);
      frame[12] = (byte) 0x88;
      frame[13] = (byte) 0xb5; // local experimental ether type: no ARP, no IP
    }
    FakeSwitch s = sw.get(dpid);
    forwarding.receive(s, PacketIns.of(s.factory(), inPort, frame, buffer), PacketIns.context(inPort, frame));
  }

  private static EthernetFrame parse(byte[] frame) {
    try {
      return EthernetFrame.parse(frame);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<OFPort> outputs(OFFlowAdd add, OFVersion version) {
    return outputs(version == OFVersion.OF_10 ? add.getActions()
        : ((OFInstructionApplyActions) add.getInstructions().get(0)).getActions());
  }

  private static List<OFPort> outputs(List<OFAction> actions) {
    return actions.stream().map(a -> ((OFActionOutput) a).getPort()).toList();
  }

  private static final class FakeHosts implements HostService {
    private final Map<MacAddress, Host> hosts = new HashMap<>();

    Host put(MacAddress mac, String ip, SwitchPort at) {
      Host h = new Host(mac, OptionalInt.empty(), Set.of(IPv4Address.of(ip)), at, NOW, NOW);
      hosts.put(mac, h);
      return h;
    }

    @Override
    public Collection<Host> hosts() {
      return hosts.values();
    }

    @Override
    public Optional<Host> byMac(MacAddress mac) {
      return Optional.ofNullable(hosts.get(mac));
    }

    @Override
    public List<Host> byIpv4(IPv4Address address) {
      return hosts.values().stream().filter(h -> h.ipv4().contains(address)).toList();
    }

    @Override
    public HostCounts counts() {
      return new HostCounts(0, 0);
    }

    @Override
    public void addListener(HostListener listener) {}

    @Override
    public void removeListener(HostListener listener) {}
  }
}
