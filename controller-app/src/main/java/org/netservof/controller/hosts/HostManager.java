package org.netservof.controller.hosts;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.fabric.AddressConflict;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostCounts;
import org.netservof.controller.api.fabric.HostEvent;
import org.netservof.controller.api.fabric.HostListener;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.LinkAdminService;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.util.EventSource;
import org.netservof.controller.util.LogBudget;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.packet.EthernetFrame;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns hosts from PacketIns that arrive at edge ports, and only there: a frame that came over a link,
 * from a quarantined port, or from a service node port says nothing about where its sender lives. Addresses
 * are learnt from ARP senders only (an IPv4 source address proves nothing and would let any host poison
 * proxy ARP), one host per address. Link discovery is told where hosts live, so no link forms there.
 */
final class HostManager extends EventSource<HostListener>
    implements HostService, MessageListener, SwitchListener, TopologyListener {
  static final String NAME = "hosts";
  private static final Logger log = LoggerFactory.getLogger(HostManager.class);
  private final TopologyService topology;
  private final HostsConfig config;
  private final Clock clock;
  private final HostStore store;
  /** Conflicts logged at warn: a host spraying claims under random MACs cannot fill the disk. */
  private final LogBudget conflictLog = LogBudget.perPeer();

  HostManager(TopologyService topology, LinkAdminService links, HostsConfig config, Clock clock) {
    this.topology = topology;
    this.config = config;
    this.clock = clock;
    this.store = new HostStore(config.maxHosts(), links::setHostFacing);
  }

  // ---- HostService ----

  @Override
  public Collection<Host> hosts() {
    return store.all();
  }

  @Override
  public Optional<Host> byMac(MacAddress mac) {
    return store.byMac(mac);
  }

  @Override
  public List<Host> byIpv4(IPv4Address address) {
    return store.byIpv4(address);
  }

  @Override
  public HostCounts counts() {
    return store.counts();
  }

  // ---- learning ----

  @Override
  public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
    Optional<EthernetFrame> parsed = context.frame();
    Optional<org.projectfloodlight.openflow.types.OFPort> inPort = context.inPort();
    if (parsed.isEmpty() || inPort.isEmpty()) {
      return Command.CONTINUE;
    }
    EthernetFrame frame = parsed.get();
    SwitchPort at = new SwitchPort(sw.id(), inPort.get());
    if (frame.src().isMulticast() || frame.src().equals(MacAddress.NONE) || !topology.current().isEdgePort(at)) {
      return Command.CONTINUE;
    }
    HostStore.Learnt learnt = store.observe(frame.src(), frame.vlanId(), senderAddress(frame), at, clock.instant());
    learnt.events().forEach(this::publish);
    learnt.conflict().ifPresent(this::report);
    return Command.CONTINUE;
  }

  // ---- forgetting ----

  @Override
  public void switchRemoved(DatapathId id) {
    store.removeAttachedWhere(p -> p.dpid().equals(id)).forEach(this::publish);
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    if (change == PortChange.DOWN || change == PortChange.REMOVED) {
      SwitchPort gone = new SwitchPort(sw.id(), port.getPortNo());
      store.removeAttachedWhere(gone::equals).forEach(this::publish);
    }
  }

  @Override
  public void topologyChanged(Topology previous, Topology current) {
    // A port that turned out to be a link port, or became a service node's port, has no hosts on it.
    store.removeAttachedWhere(p -> current.isLinkPort(p) || current.isServicePort(p)).forEach(this::publish);
  }

  /** Forgets hosts that went quiet; called by the module's timer. */
  void expire() {
    store.expire(clock.instant(), config.idleTimeout()).forEach(this::publish);
  }

  private static Optional<IPv4Address> senderAddress(EthernetFrame frame) {
    Optional<IPv4Address> ip = frame.arp().map(a -> a.senderIp());
    return ip.filter(a -> !a.equals(IPv4Address.NONE) && !a.isBroadcast() && !a.isMulticast());
  }

  private void report(AddressConflict c) {
    SwitchPort at = c.claimant().attachment();
    // Every claim is an event; the log gets them within a budget, so a flood of claims fills no disk.
    long leftOut = conflictLog.spend();
    if (leftOut >= 0) {
      log.warn("switch {} port {}: {} claims {}, held by {} at {}; not learnt" + LogBudget.suffix(leftOut),
          at.dpid(), at.port().getPortNumber(), c.claimant().mac(), c.address(), c.holder().mac(),
          c.holder().attachment());
    }
    tell(l -> l.addressConflict(c), "address conflict on " + c.address());
  }

  private void publish(HostEvent event) {
    Host h = event.current();
    switch (event.type()) {
      case MOVED -> log.info("host {} moved from {} to {}", h.mac(), event.previous().orElseThrow().attachment(),
          h.attachment());
      case ADDED -> log.debug("host {} {} at {}", h.mac(), h.ipv4(), h.attachment());
      case REMOVED -> log.debug("host {} at {} forgotten", h.mac(), h.attachment());
      case UPDATED -> log.debug("host {} now has {}", h.mac(), h.ipv4());
    }
    tell(l -> l.hostChanged(event), "host " + h.mac() + " " + event.type());
  }
}
