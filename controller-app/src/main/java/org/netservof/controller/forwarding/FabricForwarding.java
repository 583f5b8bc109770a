package org.netservof.controller.forwarding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostEvent;
import org.netservof.controller.api.fabric.HostListener;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.RouteService;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.forwarding.RouteTable.RouteId;
import org.netservof.controller.util.RepeatedFailures;
import org.netservof.policy.fabric.Hop;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.PacketOuts;
import org.netservof.policy.packet.ArpFrames;
import org.netservof.policy.packet.ArpHeader;
import org.netservof.policy.packet.EthernetFrame;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Forwarding across the fabric. A unicast frame to a known host gets a route: one of the cheapest paths
 * (chosen by the flow's hash among equal-cost ones), an entry on every switch of it, written from the last
 * switch back to the first and confirmed by barriers before the frame itself is sent on from the switch it
 * arrived at. Frames that come back from a service node are routed the same way, starting at the node's
 * port. Broadcasts and unknown destinations follow the spanning tree; a broadcast that arrives over a link
 * off the tree is dropped, so redundant fabrics do not loop, and nothing is flooded into a node. ARP
 * requests for known hosts are answered from the host table. When a link, switch, port or host goes away,
 * the routes through it are deleted on every switch at once, and their next packet takes a new path.
 */
final class FabricForwarding implements MessageListener, TopologyListener, HostListener, SwitchListener,
    RouteService {
  static final String NAME = "forwarding";
  private static final Logger log = LoggerFactory.getLogger(FabricForwarding.class);
  /** A switch refusing every route would otherwise cost a line per new flow. */
  private final RepeatedFailures installFailures = RepeatedFailures.of(log, Level.WARN);
  private static final EthType LLDP = EthType.of(0x88cc);

  private final SwitchService switches;
  private final TopologyService topology;
  private final HostService hosts;
  private final ForwardingConfig config;
  private final RouteTable routes = new RouteTable();
  private final LongAdder installed = new LongAdder();
  private final LongAdder arpAnswered = new LongAdder();
  private final LongAdder unreadableDropped = new LongAdder();
  private final LongAdder taggedDropped = new LongAdder();

  FabricForwarding(SwitchService switches, TopologyService topology, HostService hosts, ForwardingConfig config) {
    this.switches = switches;
    this.topology = topology;
    this.hosts = hosts;
    this.config = config;
  }

  @Override
  public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
    if (message instanceof OFFlowRemoved removed) {
      routeExpired(sw, removed);
    } else {
      packetIn(sw, (OFPacketIn) message, context);
    }
    return Command.CONTINUE;
  }

  /** Routes the packet toward its destination host, floods it when that is unknown, or answers its ARP. */
  private void packetIn(OFSwitch sw, OFPacketIn pi, MessageContext context) {
    Optional<EthernetFrame> parsed = context.frame();
    Optional<OFPort> inPort = context.inPort();
    if (parsed.isEmpty() && inPort.isPresent()) {
      dropUnreadable(sw, pi, inPort.get());
      return;
    }
    if (parsed.isEmpty() || inPort.isEmpty() || parsed.get().etherType().equals(LLDP)) {
      return;
    }
    EthernetFrame frame = parsed.get();
    SwitchPort at = new SwitchPort(sw.id(), inPort.get());
    Topology topo = topology.current();
    boolean edge = topo.isEdgePort(at);
    boolean fromNode = topo.isServicePort(at);
    if (!carries(at, frame, topo, edge, fromNode)) {
      return;
    }
    if (edge && config.proxyArp() && answerArp(sw, pi, at, frame)) {
      return;
    }
    Optional<Host> dst = frame.isGroupDestination() ? Optional.empty() : hosts.byMac(frame.dst());
    boolean popTag = fromNode && frame.vlanId().isPresent();
    if (dst.isEmpty()) {
      flood(sw, pi, at, topo, fromNode, popTag);
      return;
    }
    route(sw, pi, at, new FlowKey(frame.src(), frame.dst(), frame.vlanId()), dst.get(), topo, fromNode, popTag);
  }

  /**
   * Installs the route to {@code dst} and sends the packet along it. A frame arriving over a link had its
   * entry here go while the route's first entry lives on: the rest of the route is installed again from here,
   * or its packets would keep coming to the controller. The packet leaves through a PacketOut once the
   * entries downstream are confirmed (on a one-switch route nothing waits for a barrier), except where the
   * switch buffered it on a one-switch route: there the entry itself names the buffer and the switch sends
   * the packet through it, so one message answers the PacketIn, as Open vSwitch's own controller does.
   */
  private void route(OFSwitch sw, OFPacketIn pi, SwitchPort at, FlowKey key, Host dst, Topology topo,
      boolean fromNode, boolean popTag) {
    Optional<Path> path = topo.route(at, dst.attachment(), key.flowHash());
    if (path.isEmpty() || path.get().hops().get(0).out().equals(at.port())) {
      log.debug("no way from {} to {} ({}); dropped", at, dst.attachment(), key);
      return;
    }
    boolean throughEntry = path.get().hops().size() == 1 && !pi.getBufferId().equals(OFBufferId.NO_BUFFER);
    CompletableFuture<Void> installed = install(new RouteId(key, at), path.get(), fromNode, false,
        throughEntry ? pi.getBufferId() : OFBufferId.NO_BUFFER);
    if (!throughEntry) {
      installed.thenRun(() -> sw.write(RouteCompiler.sendOut(sw.factory(), pi, at.port(),
          List.of(path.get().hops().get(0).egress()), popTag)));
    }
  }

  /** Whether frames from this port are forwarding's to carry. */
  private boolean carries(SwitchPort at, EthernetFrame frame, Topology topo, boolean edge, boolean fromNode) {
    if (!edge && !fromNode && !topo.isLinkPort(at)) {
      return false; // quarantined or unknown port: nothing is known to be safe yet
    }
    if (frame.vlanId().isPresent() && !fromNode) {
      // Tags are the fabric's own (steering's marks); only a node sends them back, and its route pops them.
      // A tagged frame from a host port would ride a link into a node's tunnel.
      log.debug("frame tagged {} from {} dropped: only service nodes send tagged frames", frame.vlanId().getAsInt(),
          at);
      taggedDropped.increment();
      return false;
    }
    return true;
  }

  @Override
  public CompletableFuture<Optional<Path>> installRoute(SwitchPort from, OptionalInt tag, MacAddress src,
      MacAddress dst) {
    Topology topo = topology.current();
    Optional<Host> host = hosts.byMac(dst);
    if (host.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    FlowKey key = new FlowKey(src, dst, tag);
    Optional<Path> path = topo.route(from, host.get().attachment(), key.flowHash());
    if (path.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return install(new RouteId(key, from), path.get(), topo.isServicePort(from), true, OFBufferId.NO_BUFFER)
        .thenApply(v -> path);
  }

  @Override
  public void topologyChanged(Topology previous, Topology current) {
    Set<Link> goneLinks = new HashSet<>(previous.links());
    goneLinks.removeAll(current.links());
    Set<DatapathId> goneSwitches = new HashSet<>(previous.switches());
    goneSwitches.removeAll(current.switches());
    if (goneLinks.isEmpty() && goneSwitches.isEmpty()) {
      return;
    }
    Set<DatapathId> touched = new HashSet<>(goneSwitches);
    goneLinks.forEach(l -> touched.add(l.src().dpid())); // a route over a link passes the switch it leaves
    deleteRoutes(routes.removeIf(touched, (id, path) -> path.links().stream().anyMatch(goneLinks::contains)
        || path.hops().stream().anyMatch(h -> goneSwitches.contains(h.dpid()))), "the fabric changed");
  }

  @Override
  public void hostChanged(HostEvent event) {
    if (event.type() == HostEvent.Type.MOVED || event.type() == HostEvent.Type.REMOVED) {
      MacAddress mac = event.current().mac();
      deleteRoutes(routes.removeInvolving(mac), "host " + mac + " " + event.type());
    }
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    if (change == PortChange.DOWN || change == PortChange.REMOVED) {
      SwitchPort gone = new SwitchPort(sw.id(), port.getPortNo());
      deleteRoutes(routes.removeIf(Set.of(gone.dpid()), (id, path) -> path.uses(gone)),
          "port " + gone + " " + change);
    }
  }

  long routesInstalled() {
    return installed.sum();
  }

  /**
   * A frame without a whole Ethernet header has no address to forward by: it is dropped, counted, and a
   * buffered one is released (a PacketOut without actions) so the switch's buffer does not wait for nothing.
   */
  private void dropUnreadable(OFSwitch sw, OFPacketIn pi, OFPort inPort) {
    unreadableDropped.increment();
    if (!pi.getBufferId().equals(OFBufferId.NO_BUFFER)) {
      sw.write(PacketOuts.forward(sw.factory(), pi, inPort, List.of()));
    }
  }

  long unreadableDropped() {
    return unreadableDropped.sum();
  }

  long arpAnswered() {
    return arpAnswered.sum();
  }

  long taggedDropped() {
    return taggedDropped.sum();
  }

  int activeRoutes() {
    return routes.size();
  }

  /**
   * Writes the route's entries, last hop first, and completes when the switches confirmed them by barrier:
   * all of them, or all but the ingress one when {@code confirmIngress} is false (its write is sent and not
   * waited for; a switch's error on it is still logged against the request). In a cluster a hop on a switch
   * another member masters is that member's to write: the frame misses there, comes to it as a PacketIn over
   * the link, and it installs the rest of the route from there, as for a route whose entry there went.
   *
   * @param buffer the buffered packet the ingress entry applies to once installed, or {@code NO_BUFFER}
   */
  private CompletableFuture<Void> install(RouteId id, Path path, boolean fromNode, boolean confirmIngress,
      OFBufferId buffer) {
    List<Hop> hops = path.hops();
    List<CompletableFuture<Void>> confirmations = new ArrayList<>(hops.size());
    for (int i = hops.size() - 1; i >= 0; i--) {
      Hop hop = hops.get(i);
      Optional<OFSwitch> sw = switches.getSwitch(hop.dpid());
      if (sw.isEmpty() && mastersElsewhere(hop.dpid())) {
        continue;
      }
      if (sw.isEmpty()) {
        log.debug("route {} crosses {}, which is not connected; not installed", id, hop.dpid());
        return CompletableFuture.failedFuture(new IllegalStateException(hop.dpid() + " is not connected"));
      }
      OFMessage entry = RouteCompiler.entry(sw.get().factory(), hop, id.flow(), i == 0, fromNode, config,
          i == 0 ? buffer : OFBufferId.NO_BUFFER);
      if (i == 0 && !confirmIngress) {
        sw.get().write(entry);
      } else {
        confirmations.add(sw.get().writeConfirmed(List.of(entry)));
      }
    }
    routes.put(id, new RouteTable.Route(path, fromNode));
    installed.increment();
    return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
      if (failure != null) {
        installFailures.report(failure.getClass(), null, "route {} over {} was not installed: {}", id, path.hops(),
            failure.getMessage());
        deleteRoutes(routes.removeIf(Set.of(id.ingress().dpid()), (i, p) -> i.equals(id) && p.equals(path)),
            "installation failed");
      }
    });
  }

  /** Whether the switch is connected here with another cluster member as its master. */
  private boolean mastersElsewhere(DatapathId dpid) {
    return switches.connectedSwitches().stream().anyMatch(sw -> sw.id().equals(dpid));
  }

  private void flood(OFSwitch sw, OFPacketIn pi, SwitchPort at, Topology topo, boolean fromNode, boolean popTag) {
    if (!fromNode && !topo.isBroadcastPort(at)) {
      return; // arrived over a link off the spanning tree: the tree copy arrives elsewhere
    }
    List<SwitchPort> out = new ArrayList<>(topo.broadcastPorts(sw.id()));
    out.remove(at);
    if (!out.isEmpty()) {
      sw.write(RouteCompiler.sendOut(sw.factory(), pi, at.port(), out, popTag));
    }
  }

  private boolean answerArp(OFSwitch sw, OFPacketIn pi, SwitchPort at, EthernetFrame frame) {
    Optional<ArpHeader> arp = frame.arp();
    if (arp.isEmpty() || !arp.get().isRequest() || ArpFrames.isGratuitous(arp.get())) {
      return false;
    }
    List<Host> owners = hosts.byIpv4(arp.get().targetIp());
    if (owners.isEmpty() || owners.get(0).attachment().equals(at)) {
      return false;
    }
    OFFactory f = sw.factory();
    byte[] reply = ArpFrames.reply(arp.get(), owners.get(0).mac(), frame.vlanId());
    sw.write(PacketOuts.send(f, reply, List.of(f.actions().output(at.port(), 0xffff))));
    arpAnswered.increment();
    return true;
  }

  private void routeExpired(OFSwitch sw, OFFlowRemoved removed) {
    boolean ours = Cookie.read(removed.getCookie())
        .filter(c -> c.owner() == CookieOwner.FORWARDING && c.detail() == RouteCompiler.INGRESS).isPresent();
    // OpenFlow 1.0 FLOW_REMOVED has a cookie too; the match tells the route apart.
    if (!ours && removed.getVersion() != OFVersion.OF_10) {
      return;
    }
    MacAddress src = removed.getMatch().get(MatchField.ETH_SRC);
    MacAddress dst = removed.getMatch().get(MatchField.ETH_DST);
    OFPort in = removed.getMatch().get(MatchField.IN_PORT);
    if (src == null || dst == null || in == null) {
      return;
    }
    OFVlanVidMatch vlan = removed.getMatch().get(MatchField.VLAN_VID);
    OptionalInt vid = vlan == null || vlan.equals(OFVlanVidMatch.UNTAGGED) ? OptionalInt.empty()
        : OptionalInt.of(vlan.getVlan());
    routes.expired(new RouteId(new FlowKey(src, dst, vid), new SwitchPort(sw.id(), in)));
  }

  private void deleteRoutes(List<Map.Entry<RouteId, RouteTable.Route>> doomed, String why) {
    for (Map.Entry<RouteId, RouteTable.Route> route : doomed) {
      List<Hop> hops = route.getValue().path().hops();
      log.debug("deleting route {} over {}: {}", route.getKey(), hops, why);
      for (int i = 0; i < hops.size(); i++) {
        Hop hop = hops.get(i);
        boolean ingress = i == 0;
        switches.getSwitch(hop.dpid()).ifPresent(s -> s.write(RouteCompiler.delete(s.factory(), hop,
            route.getKey().flow(), ingress, route.getValue().fromNode())));
      }
    }
    if (!doomed.isEmpty()) {
      log.info("deleted {} routes: {}", doomed.size(), why);
    }
  }
}
