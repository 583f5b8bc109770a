package org.netservof.controller.hosts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
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
import org.netservof.controller.api.fabric.NodeHost;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.util.EventSource;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.packet.EthernetFrame;
import org.netservof.protocol.log.LogBudget;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns hosts from PacketIns that arrive at edge ports, and only there: a frame that came over a link,
 * from a quarantined port, or from a service node port says nothing about where its sender lives, except a
 * node's own untagged ARP, which places the node's service address at its port. Addresses
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
  private final SharedHosts shared;
  private final StoreListener<String, SharedHost> sharedListener = this::sharedChanged;
  private final Function<SwitchPort, Optional<NodeHost>> nodeHosts;

  /** One controller alone: its hosts are all there are. */
  HostManager(TopologyService topology, LinkAdminService links, HostsConfig config, Clock clock) {
    this(topology, links, config, clock, SharedHosts.alone());
  }

  /** A member that publishes the hosts it learns through {@code shared}, and merges the others'. */
  HostManager(TopologyService topology, LinkAdminService links, HostsConfig config, Clock clock,
      SharedHosts shared) {
    this(topology, links, config, clock, shared, port -> Optional.empty());
  }

  /** @param nodeHosts the one host each service port may teach (see {@link NodeHost}) */
  HostManager(TopologyService topology, LinkAdminService links, HostsConfig config, Clock clock,
      SharedHosts shared, Function<SwitchPort, Optional<NodeHost>> nodeHosts) {
    this.nodeHosts = nodeHosts;
    this.topology = topology;
    this.config = config;
    this.clock = clock;
    this.store = new HostStore(config.maxHosts(), links::setHostFacing);
    this.shared = shared;
    shared.listen(sharedListener);
  }

  /** Stops merging the other members' hosts. */
  void close() {
    shared.unlisten(sharedListener);
  }

  // ---- HostService ----

  @Override
  public Collection<Host> hosts() {
    List<Host> all = new ArrayList<>(store.all());
    Set<MacAddress> here = all.stream().map(Host::mac).collect(Collectors.toSet());
    shared.all().stream().filter(h -> !here.contains(h.mac())).forEach(all::add);
    return all;
  }

  @Override
  public Optional<Host> byMac(MacAddress mac) {
    return store.byMac(mac).or(() -> shared.byMac(mac));
  }

  @Override
  public List<Host> byIpv4(IPv4Address address) {
    List<Host> here = store.byIpv4(address);
    return here.isEmpty() ? shared.byIpv4(address) : here;
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
    if (frame.src().isMulticast() || frame.src().equals(MacAddress.NONE) || !learnsAt(at, frame)) {
      return Command.CONTINUE;
    }
    HostStore.Learnt learnt = store.observe(frame.src(), frame.vlanId(), senderAddress(frame), at, clock.instant());
    learnt.events().forEach(this::learnt);
    learnt.conflict().ifPresent(this::report);
    return Command.CONTINUE;
  }

  /**
   * Edge ports teach hosts; a service node's port teaches only the node itself, from the untagged ARP of its own
   * kernel: its registered MAC with the service address the configuration gives it ({@link NodeHost}). Anything
   * else from there, a module's forged ARP included, would move a host onto the node's port.
   */
  private boolean learnsAt(SwitchPort at, EthernetFrame frame) {
    Topology current = topology.current();
    if (current.isEdgePort(at)) {
      return true;
    }
    return current.isServicePort(at) && frame.vlanId().isEmpty() && frame.arp().isPresent()
        && nodeHosts.apply(at).filter(n -> n.mac().equals(frame.src())
            && senderAddress(frame).filter(n.address()::equals).isPresent()).isPresent();
  }

  // ---- forgetting ----

  @Override
  public void switchRemoved(DatapathId id) {
    // Not withdrawn: in a cluster the switch may only have moved to another master, which publishes its hosts
    // as it learns them; until then, and alone, the publications run out with their leases.
    for (HostEvent e : store.removeAttachedWhere(p -> p.dpid().equals(id))) {
      shared.takeOver(e.current().mac());
      publish(e);
    }
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    if (change == PortChange.DOWN || change == PortChange.REMOVED) {
      SwitchPort gone = new SwitchPort(sw.id(), port.getPortNo());
      store.removeAttachedWhere(gone::equals).forEach(this::learnt);
    }
  }

  @Override
  public void topologyChanged(Topology previous, Topology current) {
    // A port that turned out to be a link port, or became a service node's port, has no hosts on it (a node's
    // own service address is learnt there again from its next ARP).
    store.removeAttachedWhere(p -> current.isLinkPort(p) || current.isServicePort(p) && !previous.isServicePort(p))
        .forEach(this::learnt);
  }

  /** Forgets hosts that went quiet; called by the module's timer. */
  void expire() {
    Instant now = clock.instant();
    store.expire(now, config.idleTimeout()).forEach(this::learnt);
    shared.expire(now);
    shared.refresh(store.all(), config.idleTimeout());
  }

  /**
   * A change this member learnt: shared with the other members, then told. A host new here that another
   * member had published moved here from that member's switch.
   */
  private void learnt(HostEvent event) {
    Host h = event.current();
    HostEvent told = event;
    if (event.type() == HostEvent.Type.ADDED) {
      told = shared.takeOver(h.mac()).map(b -> new HostEvent(HostEvent.Type.MOVED, Optional.of(b), h)).orElse(event);
    }
    if (event.type() == HostEvent.Type.REMOVED) {
      shared.withdraw(h);
    } else {
      shared.publish(h, config.idleTimeout());
    }
    publish(told);
  }

  /** Another member learnt, moved or forgot a host; one learnt here before moved to that member's switch. */
  private void sharedChanged(StoreEvent<String, SharedHost> event) {
    shared.apply(event).ifPresent(change -> {
      Optional<Host> before = change.after().flatMap(a -> store.handOver(a.mac())).or(change::before);
      HostEvents.between(before, change.after()).ifPresent(this::publish);
    });
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
