package org.netservof.policy.steering;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.plan.Plan;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;

/**
 * The entries that keep hosts out of the fabric's tunnels: at every edge port, a tagged frame is dropped,
 * above every entry that could carry it. A VLAN tag is how the fabric marks a frame it has already
 * classified for a node (or for one user's container on it); a host that could send one would reach that
 * container past the classifier, and with it past the user's filter, grant and meter. No host needs to send
 * tags: the fabric offers no VLAN trunks, so edge ports are access ports and every tag on one is dropped.
 *
 * <p>OpenFlow 1.3 matches "any tag" (VLAN_VID with only OFPVID_PRESENT under the mask): one entry per edge
 * port. OpenFlow 1.0 matches a tag only exactly: one entry per edge port and mark in use; a host's other
 * tags come up through the table-miss entry, and the controller (forwarding, steering) drops them there.
 * The ports follow the topology: the plan is computed again whenever it changes, so a port that becomes a
 * link loses its guard and a link port that becomes a host port gets one.
 */
public final class EdgeGuards {
  private EdgeGuards() {}

  /**
   * The guards of every edge port of the fabric.
   *
   * @param marks the marks in use (only OpenFlow 1.0 switches need them)
   */
  public static Plan plan(FabricView fabric, Collection<Integer> marks) {
    Plan.Builder plan = Plan.builder();
    TreeSet<Integer> sorted = new TreeSet<>(marks);
    for (SwitchPort edge : fabric.edgePorts()) {
      OFFactory f = fabric.factory(edge.dpid());
      if (f.getVersion() == OFVersion.OF_10) {
        for (int mark : sorted) {
          plan.add(drop(edge, f.buildMatch().setExact(MatchField.IN_PORT, edge.port())
              .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(mark)).build()));
        }
      } else {
        plan.add(drop(edge, f.buildMatch().setExact(MatchField.IN_PORT, edge.port())
            .setMasked(MatchField.VLAN_VID, OFVlanVidMatch.PRESENT, OFVlanVidMatch.PRESENT).build()));
      }
    }
    return plan.build();
  }

  private static FlowEntry drop(SwitchPort edge, Match match) {
    return new FlowEntry(edge.dpid(), SteeringLayout.GUARD_PRIORITY, match, List.of(),
        SteeringLayout.guardCookie().value());
  }
}
