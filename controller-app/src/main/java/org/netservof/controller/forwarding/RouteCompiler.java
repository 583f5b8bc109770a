package org.netservof.controller.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.netservof.policy.fabric.Hop;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.layout.Table;
import org.netservof.policy.openflow.FlowMods;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFOxmList;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxms;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.VlanVid;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.openflow.PacketOuts;
import org.projectfloodlight.openflow.protocol.OFPacketIn;

/**
 * Compiles forwarding decisions to OpenFlow messages; sends nothing. A route's entry on each switch
 * matches the ingress port, the MAC pair and the tag (or its absence), outputs to the next port, carries the
 * forwarding cookie, and on the route's first switch asks for a FLOW_REMOVED so the route table learns
 * when the route expired.
 */
final class RouteCompiler {
  /** Cookie detail of a route's first entry (the one that reports its removal). */
  static final int INGRESS = 1;
  /** Cookie detail of every other entry of a route. */
  static final int TRANSIT = 2;

  private RouteCompiler() {}

  /**
   * @param fromNode the route starts at a service node's port: its first entry sits in the return-from-node
   *     band, above every steering classifier, so what a node sends back is never steered again
   * @param buffer a packet the switch buffered, sent through the entry once it is in, or {@code NO_BUFFER}
   */
  static OFFlowAdd entry(OFFactory f, Hop hop, FlowKey key, boolean ingress, boolean fromNode,
      ForwardingConfig config, OFBufferId buffer) {
    int priority = ingress && fromNode ? PriorityBand.RETURN_FROM_NODE.base() : PriorityBand.FORWARDING.base();
    OFFlowAdd.Builder b = f.buildFlowAdd()
        .setCookie(Cookie.of(CookieOwner.FORWARDING, ingress ? INGRESS : TRANSIT).value())
        .setPriority(priority)
        .setIdleTimeout((int) config.idleTimeout().getSeconds())
        .setHardTimeout((int) config.hardTimeout().getSeconds())
        .setBufferId(buffer)
        .setMatch(match(f, hop.in(), hopKey(key, ingress, fromNode)));
    if (ingress) {
      b.setFlags(Set.of(OFFlowModFlags.SEND_FLOW_REM));
    }
    if (f.getVersion() != OFVersion.OF_10) {
      b.setTableId(Table.MAIN.id());
    }
    List<OFAction> actions = new ArrayList<>();
    if (ingress && fromNode && key.vlan().isPresent()) {
      actions.add(popTag(f));
    }
    actions.add(f.actions().output(hop.out(), 0xffff));
    return FlowMods.withActions(b, f, actions).build();
  }

  static OFFlowDelete delete(OFFactory f, Hop hop, FlowKey key, boolean ingress, boolean fromNode) {
    return FlowMods.delete(f, match(f, hop.in(), hopKey(key, ingress, fromNode)),
        Cookie.of(CookieOwner.FORWARDING).value(), Cookie.ownerMask(), OFPort.ANY);
  }

  /** A flow from a node's container is tagged only until its first switch pops the tag. */
  private static FlowKey hopKey(FlowKey key, boolean ingress, boolean fromNode) {
    return fromNode && !ingress ? key.untagged() : key;
  }

  static OFAction popTag(OFFactory f) {
    return f.getVersion() == OFVersion.OF_10 ? f.actions().stripVlan() : f.actions().popVlan();
  }

  static Match match(OFFactory f, OFPort in, FlowKey key) {
    // Untagged routes say so: a route that left the tag wildcarded would carry a host's frame tagged with a
    // node's mark onto a link, where the mark's tunnel entry takes it to the node's container.
    OFVlanVidMatch vlan = key.vlan().isPresent()
        ? OFVlanVidMatch.ofVlanVid(VlanVid.ofVlan(key.vlan().getAsInt())) : OFVlanVidMatch.UNTAGGED;
    if (f.getVersion().compareTo(OFVersion.OF_12) >= 0) {
      // One OXM list: Loxi's Match.Builder rebuilds its list (an EnumMap) on every setExact, four per
      // PacketIn answered, the largest share of the controller's allocation under load.
      OFOxms oxms = f.oxms();
      return f.matchV3(OFOxmList.of(oxms.inPort(in), oxms.ethSrc(key.src()), oxms.ethDst(key.dst()),
          oxms.vlanVid(vlan)));
    }
    return f.buildMatch()
        .setExact(MatchField.IN_PORT, in)
        .setExact(MatchField.ETH_SRC, key.src())
        .setExact(MatchField.ETH_DST, key.dst())
        .setExact(MatchField.VLAN_VID, vlan)
        .build();
  }

  /** Sends a PacketIn's packet out of each of {@code ports}, in one PacketOut. */
  static OFPacketOut sendOut(OFFactory f, OFPacketIn pi, OFPort inPort, List<SwitchPort> ports) {
    return sendOut(f, pi, inPort, ports, false);
  }

  /** The same, popping the packet's VLAN tag first (a frame from a node's container). */
  static OFPacketOut sendOut(OFFactory f, OFPacketIn pi, OFPort inPort, List<SwitchPort> ports, boolean popTag) {
    List<OFAction> actions = new ArrayList<>(ports.size() + 1);
    if (popTag) {
      actions.add(popTag(f));
    }
    for (SwitchPort p : ports) {
      actions.add(f.actions().output(p.port(), 0xffff));
    }
    return PacketOuts.forward(f, pi, inPort, actions);
  }
}
