package org.netservof.bridge.nodes;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.netservof.bridge.api.AgentListener;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.NodeView;
import org.netservof.controller.api.fabric.NodeHost;
import org.netservof.controller.api.fabric.ServicePortService;

/**
 * Tells host tracking the one host each node's port may teach: once a node registered (its pool has it, at its
 * confirmed port with the MAC its hello frame proved), its own MAC with the service address its entry in
 * {@code node-agents} gives it. A node without one teaches nothing at its port.
 */
final class NodeHosts implements AgentListener {
  private final Supplier<NodeRoster> roster;
  private final NodePoolService pools;
  private final ServicePortService servicePorts;

  NodeHosts(Supplier<NodeRoster> roster, NodePoolService pools, ServicePortService servicePorts) {
    this.roster = roster;
    this.pools = pools;
    this.servicePorts = servicePorts;
  }

  @Override
  public void agentSynced(String nodeId, Map<String, List<String>> running) {
    roster.get().entry(nodeId).flatMap(NodeRoster.Entry::serviceAddress).ifPresent(address -> pools.nodes().stream()
        .map(NodeView::spec).filter(s -> s.id().equals(nodeId)).findFirst().ifPresent(spec -> declare(spec,
            new NodeHost(spec.mac(), address))));
  }

  private void declare(NodeSpec spec, NodeHost host) {
    // The owner is the pool's: only the port the pool reserved for this node can be declared.
    servicePorts.declareHost(spec.attachment(), "node " + spec.id(), host);
  }
}
