package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.LogCapture;

/**
 * What the service-node ITs share: real service nodes on a management network of their own, a controller
 * started for them (again, with other configuration, when a test asks), and the controller's log, which
 * fails the test on any warning or error the test did not declare it provokes.
 */
abstract class ServiceNodeFixture {
  @TempDir
  Path dir;
  ServiceNodes serviceNodes;
  Controller controller;
  SteeringAdminService steering;
  NodePoolService pools;
  NodeAgentService agents;
  LogCapture log;
  /** Warnings and errors the running test provokes on purpose; any other fails it. */
  Predicate<String> expectedProblems = line -> false;

  @BeforeEach
  void startServiceNodes() throws Exception {
    serviceNodes = new ServiceNodes(dir);
    startController("");
  }

  /** (Re)starts the controller with extra configuration, its log captured from before it starts. */
  void startController(String extraYaml) throws Exception {
    if (controller != null) {
      controller.close();
      log.close();
    }
    log = new LogCapture();
    controller = serviceNodes.startController(extraYaml);
    steering = controller.service(SteeringAdminService.class);
    pools = controller.service(NodePoolService.class);
    agents = controller.service(NodeAgentService.class);
  }

  @AfterEach
  void stopServiceNodes() {
    controller.close();
    serviceNodes.close();
    List<String> unexpected = log.unexpected(expectedProblems);
    log.close();
    assertThat(unexpected).as("controller warnings and errors").isEmpty();
  }
}
