package org.netservof.bridge.steering;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.fabric.RouteService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.PacketOuts;
import org.netservof.policy.packet.EthernetFrame;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.steering.FiveTuple;
import org.netservof.policy.steering.SteeringLayout;
import org.netservof.policy.steering.SteeringNode;
import org.netservof.policy.steering.SteeringPlanner;
import org.netservof.protocol.log.LogBudget;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packet path of steering. A PacketIn at an edge port that a service's trap sent up (or, where the
 * switch has no cookie in PacketIns, whose packet a service's filter matches) is placed on a node of the
 * service's pool by rendezvous hashing over the healthy nodes: a per-flow entry goes to the ingress switch,
 * the packet is sent on with the same actions, and the route back from the node to the destination is
 * installed, so later packets never reach the controller. A marked frame that comes up (its tunnel entry
 * is not there yet) is sent on toward its node. Runs before forwarding, and stops the chain for what it
 * handles.
 */
final class ReactiveSteering implements MessageListener {
  static final String NAME = "steering";
  private static final Logger log = LoggerFactory.getLogger(ReactiveSteering.class);

  private final Supplier<Snapshot> snapshot;
  private final Supplier<ControllerFabricView> fabric;
  private final TopologyService topology;
  private final RouteService routes;
  private final FlowTracker flows;
  private final int idleTimeout;
  private final LongAdder setups = new LongAdder();
  private final LongAdder spoofedMarks = new LongAdder();
  private final LongAdder untrackedFlows = new LongAdder();
  private final LogBudget fullLog = LogBudget.perPeer();

  ReactiveSteering(Supplier<Snapshot> snapshot, Supplier<ControllerFabricView> fabric, TopologyService topology,
      RouteService routes, FlowTracker flows,
      Duration idleTimeout) {
    this.snapshot = snapshot;
    this.fabric = fabric;
    this.topology = topology;
    this.routes = routes;
    this.flows = flows;
    this.idleTimeout = (int) idleTimeout.getSeconds();
  }

  @Override
  public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
    if (message instanceof OFFlowRemoved removed) {
      if (isSteering(removed.getCookie(), SteeringLayout.FLOW)) {
        flows.removed(sw.id(), removed.getPriority(), removed.getMatch());
      }
      return Command.CONTINUE;
    }
    Optional<EthernetFrame> parsed = context.frame();
    Optional<OFPort> inPort = context.inPort();
    if (parsed.isEmpty() || inPort.isEmpty()) {
      return Command.CONTINUE;
    }
    return packetIn(sw, (OFPacketIn) message, parsed.get(), new SwitchPort(sw.id(), inPort.get()));
  }

  private Command packetIn(OFSwitch sw, OFPacketIn pi, EthernetFrame frame, SwitchPort at) {
    Snapshot snap = snapshot.get();
    if (frame.vlanId().isPresent() && !topology.current().isServicePort(at)) {
      SteeringNode node = snap.byMark().get(frame.vlanId().getAsInt());
      if (node == null) {
        return Command.CONTINUE;
      }
      if (!topology.current().isLinkPort(at)) {
        // Only the fabric carries marks: a host that tags its frames with one must not reach a container.
        spoofedMarks.increment();
        log.debug("switch {}: frame with mark {} from {} dropped: marks are not accepted on edge ports", sw.id(),
            node.mark(), at);
        return Command.STOP;
      }
      carryMarked(sw, pi, at, node);
      return Command.STOP;
    }
    if (frame.ipv4().isEmpty() || !topology.current().isEdgePort(at)) {
      return Command.CONTINUE;
    }
    Optional<Snapshot.Active> service = identify(pi, frame, at, snap);
    if (service.isEmpty()) {
      return Command.CONTINUE;
    }
    FiveTuple flow = FiveTuple.of(frame.ipv4().get());
    Optional<SteeringNode> node = SteeringPlanner.select(snap.healthy(service.get().audience()), flow.hash());
    if (node.isEmpty()) {
      return Command.CONTINUE; // no healthy node: the traffic goes its normal way (fail-open)
    }
    return place(sw, pi, frame, at, flow, service.get(), node.get());
  }

  /** Installs the flow's entry toward its node, sends the packet on, and the route back from the node ahead. */
  private Command place(OFSwitch sw, OFPacketIn pi, EthernetFrame frame, SwitchPort at, FiveTuple flow,
      Snapshot.Active service, SteeringNode node) {
    Optional<FlowEntry> entry = SteeringPlanner.perFlow(fabric.get(), at, flow, service.planned(), node, idleTimeout);
    if (entry.isEmpty()) {
      log.debug("node {} cannot be reached from {}; flow {} not steered", node.id(), at, flow);
      return Command.CONTINUE;
    }
    if (!flows.add(entry.get(), service.info().id(), node.index(), node.mark())) {
      // Fail-open, as with no healthy node: an entry nobody tracks could never be deleted with its service.
      untrackedFlows.increment();
      fullLog.warn(log, "switch {}: {} per-flow entries tracked (steering.max-flow-entries); flow {} of service {} "
          + "forwarded unsteered", sw.id(), trackedFlows(), flow, service.info().id());
      return Command.CONTINUE;
    }
    OFFactory f = sw.factory();
    sw.write(List.of(entry.get().toAdd(f), PacketOuts.forward(f, pi, at.port(), entry.get().actions())));
    setups.increment();
    OptionalInt returnTag = node.tagged() ? OptionalInt.of(node.mark()) : OptionalInt.empty();
    routes.installRoute(node.attachment(), returnTag, frame.src(), frame.dst()).whenComplete((path, failure) -> {
      if (failure != null) {
        log.debug("route back from node {} to {} not installed ahead: {}", node.id(), frame.dst(),
            failure.getMessage());
      }
    });
    return Command.STOP;
  }

  /** Whether a cookie is steering's, with the given detail (its kind of entry). */
  private static boolean isSteering(U64 cookie, int detail) {
    return Cookie.read(cookie).filter(c -> c.owner() == CookieOwner.STEERING && c.detail() == detail).isPresent();
  }

  /** Flows placed so far. */
  long setups() {
    return setups.sum();
  }

  /** Per-flow entries tracked now. */
  int trackedFlows() {
    return flows.size();
  }

  /** New flows left unsteered because the tracker was full. */
  long untrackedFlows() {
    return untrackedFlows.sum();
  }

  /** Marked frames dropped because a host, not the fabric, sent them. */
  long spoofedMarks() {
    return spoofedMarks.sum();
  }

  private Optional<Snapshot.Active> identify(OFPacketIn pi, EthernetFrame frame, SwitchPort at, Snapshot snap) {
    if (pi.getVersion().compareTo(OFVersion.OF_13) >= 0) {
      if (isSteering(pi.getCookie(), SteeringLayout.TRAP)) {
        Optional<Snapshot.Active> byCookie = snap.service(Cookie.decode(pi.getCookie()).service());
        if (byCookie.isPresent()) {
          return byCookie;
        }
      }
    }
    return snap.services().stream().filter(s -> s.planned().filter().matches(frame, at)).findFirst();
  }

  private void carryMarked(OFSwitch sw, OFPacketIn pi, SwitchPort at, SteeringNode node) {
    OFFactory f = sw.factory();
    List<OFAction> actions;
    if (sw.id().equals(node.attachment().dpid())) {
      actions = List.of(f.getVersion() == OFVersion.OF_10 ? f.actions().stripVlan() : f.actions().popVlan(),
          f.actions().output(node.attachment().port(), 0xffff));
    } else {
      Optional<OFPort> next = fabric.get().path(new SwitchPort(sw.id(), OFPort.LOCAL), node.attachment())
          .filter(p -> p.hops().size() > 1).map(p -> p.hops().get(0).out());
      if (next.isEmpty() || next.get().equals(at.port())) {
        return;
      }
      actions = List.of(f.actions().output(next.get(), 0xffff));
    }
    sw.write(PacketOuts.forward(f, pi, at.port(), actions));
  }
}
