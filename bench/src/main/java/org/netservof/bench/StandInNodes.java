package org.netservof.bench;

import java.time.Duration;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * One Open vSwitch bridge under a controller running steering, with two stand-in nodes in pool {@code pool}:
 * port 1 is the edge, nodes n1 and n2 sit on ports 2 and 3. A stand-in is declared healthy and has no node
 * process behind it, so only its entries on the bridge exist: what the benchmarks that count entries or
 * registrations need.
 */
final class StandInNodes {
  private static final Duration WAIT = Duration.ofSeconds(120);

  private StandInNodes() {}

  /** Connects the bridge to the controller and declares the nodes (MACs {@code macBase + 1} and {@code + 2}). */
  static SteeringAdminService connect(Controller controller, OvsBridge bridge, long dpid, long macBase)
      throws SteeringException {
    for (int port = 1; port <= 3; port++) {
      bridge.addVethPort(port);
    }
    bridge.setController("tcp:127.0.0.1:" + controller.openFlowAddress().getPort());
    Eventually.waitFor("the bridge connected", WAIT, () -> controller.service(SwitchService.class)
        .getSwitch(DatapathId.of(dpid)).isPresent());
    Eventually.waitFor("port 1 an edge port", WAIT, () -> controller.service(TopologyService.class).current()
        .edgePorts().contains(SwitchPort.of(dpid, 1)));
    for (int n = 1; n <= 2; n++) {
      controller.service(NodePoolAdminService.class).addNode(new NodeSpec("n" + n, "pool", SwitchPort.of(dpid,
          n + 1), MacAddress.of(macBase + n), 1));
      controller.service(NodeHealthService.class).setNodeHealth("n" + n, true,
          "benchmark: no node process, only its entries");
    }
    return controller.service(SteeringAdminService.class);
  }
}
