package org.netservof.policy.steering;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.filter.FilterMatches;
import org.netservof.policy.filter.Protocol;
import org.netservof.policy.layout.ControllerMeter;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.openflow.CoreEntries;
import org.netservof.policy.openflow.Matches;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.plan.GroupEntry;
import org.netservof.policy.plan.Plan;
import org.netservof.policy.select.FlowHash;
import org.netservof.policy.select.NodeSelector;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv4AddressWithMask;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.VlanVid;

/**
 * Compiles steering intent into plans; sends nothing, reads no clock.
 *
 * <p>The walk of a steered packet: at its ingress edge port a classifier (or a per-flow entry) picks a node
 * and, if the node hangs off another switch, tags the frame with the node's mark (a VLAN id) and sends it
 * toward that switch. Transit switches match only the mark, on the ports links arrive on, and pass it on:
 * they never classify it again. The node's switch pops the mark and delivers the frame to the node port.
 * What the node sends back enters on the node port, which is not an edge port, so no classifier can match
 * it again; it is routed to its destination like any other frame (the forwarding module's job).
 */
public final class SteeringPlanner {
  private SteeringPlanner() {}

  /**
   * The tunnels that carry marked frames to each node: on every switch, for every port a link arrives on,
   * the node's mark is passed toward the node's switch, where the mark is popped and the frame delivered.
   */
  public static Plan tunnels(FabricView fabric, Collection<SteeringNode> nodes) {
    Plan.Builder plan = Plan.builder();
    for (SteeringNode n : nodes) {
      DatapathId home = n.attachment().dpid();
      if (!fabric.switches().contains(home)) {
        continue;
      }
      for (DatapathId at : fabric.switches()) {
        OFFactory f = fabric.factory(at);
        List<OFAction> actions;
        if (at.equals(home)) {
          actions = n.tagged() ? List.of(f.actions().output(n.attachment().port(), 0xffff))
              : List.of(popMark(f), f.actions().output(n.attachment().port(), 0xffff));
        } else {
          Optional<OFPort> next = nextHop(fabric, at, n);
          if (next.isEmpty()) {
            continue;
          }
          actions = List.of(f.actions().output(next.get(), 0xffff));
        }
        for (SwitchPort in : fabric.linkPorts(at)) {
          if (!actions.isEmpty() && isOutputTo(actions.get(actions.size() - 1), in.port())) {
            continue; // never send a frame back out of the port it came in on
          }
          Match match = f.buildMatch().setExact(MatchField.IN_PORT, in.port())
              .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(n.mark())).build();
          plan.add(new FlowEntry(at, SteeringLayout.TUNNEL_PRIORITY, match, actions,
              SteeringLayout.tunnelCookie(n).value()));
        }
      }
    }
    return plan.build();
  }

  /**
   * The classifiers of one service at every edge port it applies to.
   *
   * @param placement how each switch places flows; {@link Placement#GROUP} and {@link Placement#SPLIT}
   *     need OpenFlow 1.1+ (the caller gives 1.0 switches {@link Placement#TRAP})
   * @param healthy the nodes flows may go to now; with none, no classifier is installed and the service's
   *     traffic goes its normal way (fail-open)
   * @param splitBits slots are 2^splitBits for {@link Placement#SPLIT}
   * @throws IllegalArgumentException when the filter cannot be expressed on some switch (a wide port
   *     range on OpenFlow 1.0)
   */
  public static Plan classifiers(FabricView fabric, SteeredService service, Function<DatapathId, Placement> placement,
      List<SteeringNode> healthy, int splitBits) {
    Plan.Builder plan = Plan.builder();
    if (healthy.isEmpty()) {
      return plan.build();
    }
    int priority = SteeringLayout.classifierPriority(service);
    for (SwitchPort edge : ingressPorts(fabric, service)) {
      DatapathId at = edge.dpid();
      OFFactory f = fabric.factory(at);
      List<Match> matches = FilterMatches.matches(f, service.filter(), edge.port());
      switch (placement.apply(at)) {
        case TRAP -> {
          List<OFAction> toController = List.of(f.actions().output(OFPort.CONTROLLER, CoreEntries.SEND_WHOLE_PACKET));
          matches.forEach(m -> plan.add(new FlowEntry(at, priority, m, toController,
              SteeringLayout.trapCookie(service).value()).withMeter(ControllerMeter.STEERING_TRAP.on(f))));
        }
        case GROUP -> {
          List<GroupEntry.Bucket> buckets = new ArrayList<>();
          for (SteeringNode n : healthy) {
            towardNode(fabric, at, n).ifPresent(a -> buckets.add(new GroupEntry.Bucket(n.weight(), a)));
          }
          if (buckets.isEmpty()) {
            continue;
          }
          OFGroup group = SteeringLayout.groupOf(service);
          plan.add(new GroupEntry(at, group, OFGroupType.SELECT, buckets));
          List<OFAction> toGroup = List.of(f.actions().group(group));
          matches.forEach(m -> plan.add(new FlowEntry(at, priority, m, toGroup,
              SteeringLayout.classifierCookie(service, 0).value()).withMeter(service.meter())));
        }
        case SPLIT -> split(fabric, service, healthy, splitBits, at, f, matches, priority, plan);
      }
    }
    return plan.build();
  }

  /**
   * The entry that sends one flow, entering at {@code ingress}, to {@code node}: exact on the five-tuple,
   * above every classifier, gone after {@code idleTimeout} seconds without packets, reporting its removal.
   */
  public static Optional<FlowEntry> perFlow(FabricView fabric, SwitchPort ingress, FiveTuple flow,
      SteeredService service, SteeringNode node, int idleTimeout) {
    OFFactory f = fabric.factory(ingress.dpid());
    Optional<List<OFAction>> actions = towardNode(fabric, ingress.dpid(), node);
    if (actions.isEmpty()) {
      return Optional.empty();
    }
    Match.Builder m = f.buildMatch()
        .setExact(MatchField.IN_PORT, ingress.port())
        .setExact(MatchField.VLAN_VID, OFVlanVidMatch.UNTAGGED)
        .setExact(MatchField.ETH_TYPE, EthType.IPv4)
        .setExact(MatchField.IP_PROTO, flow.protocol())
        .setExact(MatchField.IPV4_SRC, flow.src())
        .setExact(MatchField.IPV4_DST, flow.dst());
    if (flow.hasPorts()) {
      boolean tcp = flow.protocol().getIpProtocolNumber() == 6;
      m.setExact(tcp ? MatchField.TCP_SRC : MatchField.UDP_SRC, TransportPort.of(flow.srcPort()))
          .setExact(tcp ? MatchField.TCP_DST : MatchField.UDP_DST, TransportPort.of(flow.dstPort()));
    }
    return Optional.of(new FlowEntry(ingress.dpid(), SteeringLayout.FLOW_PRIORITY, m.build(), actions.get(),
        SteeringLayout.flowCookie(service, node).value(), idleTimeout, Set.of(OFFlowModFlags.SEND_FLOW_REM),
        service.meter()));
  }

  /**
   * What a switch does to send a frame to a node: output to the node port when the node hangs off this
   * switch (tagged with the mark when the node takes tagged frames); otherwise tag the frame with the
   * mark and send it on the first hop toward the node. Empty when the node cannot be reached from here.
   */
  public static Optional<List<OFAction>> towardNode(FabricView fabric, DatapathId at, SteeringNode node) {
    OFFactory f = fabric.factory(at);
    if (at.equals(node.attachment().dpid())) {
      return Optional.of(node.tagged() ? tagAndOutput(f, node.mark(), node.attachment().port())
          : List.of(f.actions().output(node.attachment().port(), 0xffff)));
    }
    return nextHop(fabric, at, node).map(out -> tagAndOutput(f, node.mark(), out));
  }

  private static List<OFAction> tagAndOutput(OFFactory f, int mark, OFPort out) {
    if (f.getVersion() == OFVersion.OF_10) {
      return List.of(f.actions().setVlanVid(VlanVid.ofVlan(mark)), f.actions().output(out, 0xffff));
    }
    return List.of(f.actions().pushVlan(EthType.VLAN_FRAME),
        f.actions().setField(f.oxms().vlanVid(OFVlanVidMatch.ofVlan(mark))), f.actions().output(out, 0xffff));
  }

  /** The node a flow goes to among the healthy ones, by rendezvous hashing on the flow. */
  public static Optional<SteeringNode> select(List<SteeringNode> healthy, long flowHash) {
    return NodeSelector.pick(healthy, SteeringNode::id, SteeringNode::weight, flowHash);
  }

  private static void split(FabricView fabric, SteeredService service, List<SteeringNode> healthy, int splitBits,
      DatapathId at, OFFactory f, List<Match> matches, int priority, Plan.Builder plan) {
    boolean byPort = service.filter().protocol().hasPorts();
    Optional<IPv4AddressWithMask> srcPrefix = service.filter().src();
    int bits = splitBits;
    if (!byPort && srcPrefix.isPresent()) {
      bits = Math.min(bits, 32 - srcPrefix.get().getMask().asCidrMaskLength());
    }
    int slots = 1 << bits;
    for (int slot = 0; slot < slots; slot++) {
      Optional<SteeringNode> node = select(healthy, FlowHash.of(service.id(), slot));
      Optional<List<OFAction>> actions = node.flatMap(n -> towardNode(fabric, at, n));
      if (actions.isEmpty()) {
        continue;
      }
      for (Match m : matches) {
        Match.Builder b = Matches.extend(f, m);
        if (bits > 0 && byPort) {
          MatchField<TransportPort> field = service.filter().protocol() == Protocol.TCP ? MatchField.TCP_SRC
              : MatchField.UDP_SRC;
          b.setMasked(field, TransportPort.of(slot), TransportPort.of(slots - 1));
        } else if (bits > 0) {
          int prefixValue = srcPrefix.map(p -> p.getValue().getInt()).orElse(0);
          int prefixMask = srcPrefix.map(p -> p.getMask().getInt()).orElse(0);
          b.setMasked(MatchField.IPV4_SRC, IPv4Address.of(prefixValue | slot), IPv4Address.of(prefixMask | (slots - 1)));
        }
        Cookie cookie = SteeringLayout.classifierCookie(service, node.get().index());
        plan.add(new FlowEntry(at, priority, b.build(), actions.get(), cookie.value()).withMeter(service.meter()));
      }
    }
  }

  private static Set<SwitchPort> ingressPorts(FabricView fabric, SteeredService service) {
    Set<SwitchPort> ports = new TreeSet<>(fabric.edgePorts());
    if (!service.filter().ingressPorts().isEmpty()) {
      ports.retainAll(service.filter().ingressPorts());
    }
    return ports;
  }

  private static Optional<OFPort> nextHop(FabricView fabric, DatapathId at, SteeringNode node) {
    Optional<Path> path = fabric.path(new SwitchPort(at, OFPort.LOCAL), node.attachment());
    return path.filter(p -> p.hops().size() > 1).map(p -> p.hops().get(0).out());
  }

  private static OFAction popMark(OFFactory f) {
    return f.getVersion() == OFVersion.OF_10 ? f.actions().stripVlan() : f.actions().popVlan();
  }

  private static boolean isOutputTo(OFAction action, OFPort port) {
    return action instanceof org.projectfloodlight.openflow.protocol.action.OFActionOutput o && o.getPort().equals(port);
  }
}
