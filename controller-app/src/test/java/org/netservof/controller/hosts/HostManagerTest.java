package org.netservof.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.fabric.AddressConflict;
import org.netservof.controller.api.fabric.HostEvent;
import org.netservof.controller.api.fabric.HostListener;
import org.netservof.controller.api.fabric.NodeHost;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeTopologyService;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.topology.TopologyGraph;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.packet.ArpFrames;
import org.netservof.policy.packet.ArpHeader;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/** Host learning against ARP poisoning: addresses come from ARP senders only, and the first holder keeps one. */
class HostManagerTest {
  private static final MacAddress VICTIM = MacAddress.of("0a:00:00:00:00:01");
  private static final MacAddress THIEF = MacAddress.of("0a:00:00:00:00:66");
  private static final IPv4Address VICTIM_IP = IPv4Address.of("10.0.0.1");
  private final FakeClock clock = new FakeClock();
  private final FakeSwitch sw = new FakeSwitch(1, OFVersion.OF_13, 4);
  private final Map<SwitchPort, Boolean> hostFacing = new HashMap<>();
  private final HostManager manager = new HostManager(edgeOnly(), hostFacing::put, HostsConfig.DEFAULTS, clock);
  private final List<AddressConflict> conflicts = new ArrayList<>();

  HostManagerTest() {
    manager.addListener(new HostListener() {
      @Override
      public void hostChanged(HostEvent event) {}

      @Override
      public void addressConflict(AddressConflict conflict) {
        conflicts.add(conflict);
      }
    });
  }

  @Test
  void anIpv4SourceAddressTeachesNoBinding() {
    // The thief sends IPv4 with the victim's address as source: any host can write any source address.
    receive(2, HexFormat.of().parseHex("0a0000000003" + "0a0000000066" + "0800"
        + "4500001c00004000401100000a0000010a000003" + "0000000000080000"));
    assertThat(manager.byMac(THIEF)).hasValueSatisfying(h -> assertThat(h.ipv4()).isEmpty());
    assertThat(manager.byIpv4(VICTIM_IP)).isEmpty();
  }

  @Test
  void anArpClaimOnAHeldAddressIsReportedAndTheHolderKeepsIt() {
    receive(1, arpFrom(VICTIM, VICTIM_IP));
    receive(2, arpFrom(THIEF, VICTIM_IP)); // poisoning: "10.0.0.1 is at 0a:..:66"
    assertThat(manager.byIpv4(VICTIM_IP)).extracting(h -> h.mac()).containsExactly(VICTIM);
    assertThat(manager.byMac(THIEF).orElseThrow().ipv4()).isEmpty();
    assertThat(conflicts).singleElement().satisfies(c -> {
      assertThat(c.claimant().mac()).isEqualTo(THIEF);
      assertThat(c.holder().mac()).isEqualTo(VICTIM);
      assertThat(c.claimant().attachment()).isEqualTo(SwitchPort.of(1, 2));
    });
    assertThat(manager.counts().refusedAddresses()).isEqualTo(1);
  }

  @Test
  void everyClaimIsAnEventButTheWarningsAboutASprayOfClaimantsStayWithinTheLogBudget() {
    receive(1, arpFrom(VICTIM, VICTIM_IP));
    try (LogCapture log = new LogCapture()) {
      long started = System.nanoTime();
      for (int i = 0; i < 200; i++) {
        receive(2, arpFrom(MacAddress.of(0x0a0000aa0000L + i), VICTIM_IP));
      }
      long seconds = java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds();
      assertThat(conflicts).hasSize(200);
      assertThat(log.problems()).as("20 at once, one more every 3 s").hasSizeLessThanOrEqualTo(21 + (int) (seconds / 3))
          .first().asString().contains("claims 10.0.0.1", "held by " + VICTIM);
    }
  }

  @Test
  void linkDiscoveryIsToldWhereHostsLive() {
    receive(3, arpFrom(VICTIM, VICTIM_IP));
    assertThat(hostFacing).containsExactly(Map.entry(SwitchPort.of(1, 3), true));
  }

  /**
   * A node's port teaches only the node itself, as the controller knows it (its registered MAC, the service
   * address its configuration gives it): a module's untagged ARP there, claiming a host's MAC or address, or the
   * node's MAC with another address, teaches nothing, and a node without a service address teaches nothing.
   */
  @Test
  void aServicePortTeachesOnlyItsNodesOwnMacWithItsConfiguredServiceAddress() {
    MacAddress node = MacAddress.of("0a:00:00:00:09:01");
    IPv4Address serviceAddress = IPv4Address.of("10.0.0.100");
    FakeTopologyService topology = new FakeTopologyService(withNodeOn4());
    Map<SwitchPort, NodeHost> declared = new HashMap<>();
    HostManager withNode = new HostManager(topology, hostFacing::put, HostsConfig.DEFAULTS, clock,
        SharedHosts.alone(), p -> Optional.ofNullable(declared.get(p)));
    byte[] own = arpFrom(node, serviceAddress);
    withNode.receive(sw, PacketIns.of(sw.factory(), 4, own), PacketIns.context(4, own));
    assertThat(withNode.hosts()).as("no service address declared: the port teaches nothing").isEmpty();
    declared.put(SwitchPort.of(1, 4), new NodeHost(node, serviceAddress));
    for (byte[] forged : List.of(arpFrom(VICTIM, VICTIM_IP), arpFrom(VICTIM, serviceAddress),
        arpFrom(node, VICTIM_IP))) {
      withNode.receive(sw, PacketIns.of(sw.factory(), 4, forged), PacketIns.context(4, forged));
    }
    assertThat(withNode.hosts()).as("a module's forged ARP at the node's port").isEmpty();
    receive(1, arpFrom(VICTIM, VICTIM_IP));
    byte[] moving = arpFrom(VICTIM, VICTIM_IP);
    withNode.receive(sw, PacketIns.of(sw.factory(), 4, moving), PacketIns.context(4, moving));
    assertThat(manager.byMac(VICTIM).orElseThrow().attachment()).isEqualTo(SwitchPort.of(1, 1));
    assertThat(withNode.byMac(VICTIM)).as("the victim is not moved to the node's port").isEmpty();
  }

  @Test
  void aServiceNodeIsLearntAtItsPortFromItsOwnUntaggedArpOnlyAndKeptThere() {
    MacAddress node = MacAddress.of("0a:00:00:00:09:01");
    IPv4Address serviceAddress = IPv4Address.of("10.0.0.100");
    FakeTopologyService topology = new FakeTopologyService(withNodeOn4());
    HostManager withNode = new HostManager(topology, hostFacing::put, HostsConfig.DEFAULTS, clock,
        SharedHosts.alone(), p -> Optional.of(new NodeHost(node, serviceAddress)));
    byte[] steeredBack = ArpHeaderFrames.arp(VICTIM, VICTIM_IP, OptionalInt.of(3001));
    withNode.receive(sw, PacketIns.of(sw.factory(), 4, steeredBack), PacketIns.context(4, steeredBack));
    byte[] ipv4 = HexFormat.of().parseHex("0a0000000003" + "0a0000000901" + "0800"
        + "4500001c00004000401100000a0000640a000003" + "0000000000080000");
    withNode.receive(sw, PacketIns.of(sw.factory(), 4, ipv4), PacketIns.context(4, ipv4));
    assertThat(withNode.hosts()).as("a steered host's frame, tagged, or the node's IPv4 teach nothing").isEmpty();

    byte[] own = arpFrom(node, serviceAddress);
    withNode.receive(sw, PacketIns.of(sw.factory(), 4, own), PacketIns.context(4, own));
    assertThat(withNode.byIpv4(serviceAddress)).singleElement().satisfies(h -> {
      assertThat(h.mac()).isEqualTo(node);
      assertThat(h.attachment()).isEqualTo(SwitchPort.of(1, 4));
    });
    withNode.topologyChanged(withNodeOn4(), withNodeOn4());
    assertThat(withNode.byIpv4(serviceAddress)).as("kept while its port stays the node's").hasSize(1);
    withNode.topologyChanged(edgeOnly().current(), withNodeOn4());
    assertThat(withNode.byIpv4(serviceAddress)).as("a port that becomes a node's loses its hosts").isEmpty();
  }

  private static TopologyGraph withNodeOn4() {
    return new TopologyGraph(Instant.EPOCH, Map.of(DatapathId.of(1), Set.of(SwitchPort.of(1, 1),
        SwitchPort.of(1, 2), SwitchPort.of(1, 3), SwitchPort.of(1, 4))), Set.of(), Set.of(), Set.of(SwitchPort.of(1,
        4)), Map.of(), 16);
  }

  /** ARP frames with a VLAN tag, as steering's marks put on a host's frame on its way through a node. */
  private static final class ArpHeaderFrames {
    static byte[] arp(MacAddress mac, IPv4Address ip, OptionalInt vlan) {
      ArpHeader request = new ArpHeader(ArpHeader.REQUEST, MacAddress.of("0a:00:00:00:00:03"),
          IPv4Address.of("10.0.0.3"), MacAddress.NONE, ip);
      return ArpFrames.reply(request, mac, vlan);
    }
  }

  /** One switch whose four ports are all edge ports. */
  private static FakeTopologyService edgeOnly() {
    return new FakeTopologyService(new TopologyGraph(Instant.EPOCH, Map.of(DatapathId.of(1), Set.of(SwitchPort.of(1, 1),
        SwitchPort.of(1, 2), SwitchPort.of(1, 3), SwitchPort.of(1, 4))), Set.of(), Set.of(), Set.of(), Map.of(), 16));
  }

  private void receive(int port, byte[] frame) {
    manager.receive(sw, PacketIns.of(sw.factory(), port, frame), PacketIns.context(port, frame));
  }

  /** An ARP reply in which {@code mac} says it has {@code ip}. */
  static byte[] arpFrom(MacAddress mac, IPv4Address ip) {
    ArpHeader request = new ArpHeader(ArpHeader.REQUEST, MacAddress.of("0a:00:00:00:00:03"),
        IPv4Address.of("10.0.0.3"), MacAddress.NONE, ip);
    return ArpFrames.reply(request, mac, OptionalInt.empty());
  }
}
