package org.netservof.bridge.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.controller.api.fabric.NodeHost;
import org.netservof.controller.core.ServicePortRegistry;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/** What a node's port may teach host tracking, from the node's entry in node-agents and its registration. */
class NodeHostsTest {
  private static final SwitchPort PORT_11 = new SwitchPort(DatapathId.of(1), OFPort.of(11));
  private static final MacAddress MAC = MacAddress.of("0a:00:00:00:09:01");
  private final RecordingPools pools = new RecordingPools();
  private final ServicePortRegistry ports = new ServicePortRegistry();

  @Test
  void aRegisteredNodesPortTeachesItsOwnMacWithItsConfiguredServiceAddressOnly() {
    NodeRoster roster = new NodeRoster(Map.of("n1", new NodeRoster.Entry("t", "pool", PORT_11, 1,
        Optional.of(IPv4Address.of("10.0.0.100"))), "n2", new NodeRoster.Entry("u", "pool",
        new SwitchPort(DatapathId.of(1), OFPort.of(12)), 1)));
    NodeHosts hosts = new NodeHosts(() -> roster, pools, ports);
    pools.addNode(new NodeSpec("n1", "pool", PORT_11, MAC, 1));
    hosts.agentSynced("n1", Map.of());
    assertThat(ports.hostAt(PORT_11)).as("the pool has not reserved the port: nothing declared").isEmpty();

    ports.reserve(PORT_11, "node n1");
    hosts.agentSynced("n1", Map.of("alice", List.of()));
    assertThat(ports.hostAt(PORT_11)).contains(new NodeHost(MAC, IPv4Address.of("10.0.0.100")));
    ports.release(PORT_11, "node n1");
    ports.reserve(PORT_11, "node n1");
    assertThat(ports.hostAt(PORT_11)).as("gone with the reservation").isEmpty();

    SwitchPort port12 = new SwitchPort(DatapathId.of(1), OFPort.of(12));
    ports.reserve(port12, "node n2");
    pools.addNode(new NodeSpec("n2", "pool", port12, MacAddress.of("0a:00:00:00:09:02"), 1));
    hosts.agentSynced("n2", Map.of());
    assertThat(ports.hostAt(port12)).as("a node without a service address teaches nothing").isEmpty();
  }
}
