package org.netservof.controller.api.fabric;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * An immutable snapshot of the fabric: switches, links, which ports are edge ports (hosts may live there),
 * the spanning tree broadcast follows, and paths.
 */
public interface Topology {

  /** When this snapshot was computed. */
  Instant computedAt();

  Set<DatapathId> switches();

  /** Directed links; the graph that paths follow. */
  Set<Link> links();

  /** Usable ports that are not link ports, not service ports, and out of quarantine: where hosts attach. */
  Set<SwitchPort> edgePorts();

  default boolean isEdgePort(SwitchPort port) {
    return edgePorts().contains(port);
  }

  /** Ports where service nodes attach: neither edge nor broadcast ports. */
  Set<SwitchPort> servicePorts();

  default boolean isServicePort(SwitchPort port) {
    return servicePorts().contains(port);
  }

  /** Whether a link starts or ends here. */
  boolean isLinkPort(SwitchPort port);

  /**
   * Ports a broadcast leaves a switch by: its edge ports and its ports on the spanning tree. A broadcast
   * that arrives on any other port (a link off the tree) must be dropped, which is what keeps redundant
   * fabrics loop-free.
   */
  Set<SwitchPort> broadcastPorts(DatapathId dpid);

  boolean isBroadcastPort(SwitchPort port);

  /** Link ports off the spanning tree: no broadcast leaves or enters there. */
  Set<SwitchPort> blockedPorts();

  /** The links of the spanning tree, both directions. */
  Set<Link> treeLinks();

  /** Groups of switches connected to each other (Floodlight's archipelagos), each sorted, ordered by first. */
  List<Set<DatapathId>> islands();

  /**
   * Every cheapest path between two different switches, in a fixed order (at most a bounded number);
   * empty when they are not connected. These are switch-level paths: the first hop's in port and the last
   * hop's out port are {@code LOCAL}.
   */
  List<Path> paths(DatapathId from, DatapathId to);

  /**
   * The path a flow takes from one port to another: one of the cheapest, chosen by the flow's hash so a
   * flow always takes the same path and flows spread over equal-cost paths.
   */
  Optional<Path> route(SwitchPort from, SwitchPort to, long flowHash);
}
