package org.netservof.mininet;

import java.nio.file.Path;
import java.time.Duration;
import org.netservof.controller.launcher.Controller;
import org.netservof.rest.server.RestModule;

/**
 * One NetServ domain with both front doors open, for the tests that drive it over REST and by signaling: a
 * controller with the REST API (operator token {@link #TOKEN}) and signaling (domain d1, pool "pool"), user
 * alice (her key generated here) who may steer UDP to h2, and the real service nodes of a steering fabric.
 */
record NetServDomain(ManagementNetwork management, ServiceNodes serviceNodes, Controller controller, Path aliceKey,
    RestClient rest) implements AutoCloseable {
  static final String TOKEN = ServiceNodes.OPERATOR_TOKEN;
  private static final Duration WAIT = ServiceNodes.WAIT;

  /** Starts the controller with its configuration, its key and token files written into the directory. */
  static NetServDomain start(Path dir) throws Exception {
    return start(dir, "");
  }

  /** Starts the controller as {@link #start(Path)} does, its configuration ending with {@code extraYaml}. */
  static NetServDomain start(Path dir, String extraYaml) throws Exception {
    ManagementNetwork management = new ManagementNetwork();
    ServiceNodes serviceNodes = new ServiceNodes(management, dir);
    Controller controller = serviceNodes.startController(serviceNodes.netServYaml(FabricTraffic.USER_HOST)
        + extraYaml);
    Path aliceKey = dir.resolve("alice.key"); // written by startNetServController
    RestClient rest = new RestClient("http://127.0.0.1:"
        + controller.module(RestModule.class).orElseThrow().address().getPort());
    return new NetServDomain(management, serviceNodes, controller, aliceKey, rest);
  }

  /** A fabric of one switch with node hosts on the given switches, every agent registered and healthy. */
  MininetNetwork network(String nodeSwitches) throws Exception {
    return network(1, nodeSwitches);
  }

  /** A line of switches, h1 on the first, h2 on the last, node hosts on the given switches, agents healthy. */
  MininetNetwork network(int switches, String nodeSwitches) throws Exception {
    MininetNetwork net = new MininetNetwork("127.0.0.1:" + controller.openFlowAddress().getPort(), "OpenFlow13",
        "--topo", "steering", "--switches", String.valueOf(switches), "--nodes", nodeSwitches, "--management",
        management.scenarioArgument());
    net.awaitHostPorts(controller, WAIT);
    serviceNodes.startAgents(net, controller);
    return net;
  }

  @Override
  public void close() {
    controller.close();
    serviceNodes.close();
    management.close();
  }
}
