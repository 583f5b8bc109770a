package org.netservof.policy.steering;

import java.util.Optional;
import java.util.Set;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.types.DatapathId;

/** What steering plans need to know about the fabric; the controller adapts its topology to it. */
public interface FabricView {

  /** Switches that are connected, with the factory of the version each speaks. */
  Set<DatapathId> switches();

  OFFactory factory(DatapathId dpid);

  /** Ports where hosts live (not links, not node ports). */
  Set<SwitchPort> edgePorts();

  /** Ports of a switch where links from other switches arrive. */
  Set<SwitchPort> linkPorts(DatapathId dpid);

  /** A cheapest path between two ports, always the same one for the same ports. */
  Optional<Path> path(SwitchPort from, SwitchPort to);
}
