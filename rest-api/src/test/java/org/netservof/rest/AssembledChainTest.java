package org.netservof.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.SwitchSetupStage;
import org.netservof.controller.launcher.Controller;
import org.projectfloodlight.openflow.protocol.OFType;

/**
 * The listener chains and the switch setup as the running controller assembles them: the default module set,
 * found on the class path the way the launcher finds it, the bridge's modules included. The expected orders
 * are the ones {@link PacketInStage} and {@link SwitchSetupStage} explain; moving a listener or a contributor
 * to another stage fails here.
 */
class AssembledChainTest {

  @TempDir
  Path dir;

  @Test
  void packetInsWalkCaptureControlLearnSignalSteerForward() throws Exception {
    try (Controller controller = startDefault()) {
      assertThat(controller.service(OFMessageService.class).chain(OFType.PACKET_IN))
          .containsExactly("link-discovery", "node-hello", "hosts", "signaling", "steering", "forwarding");
    }
  }

  /** Steering's per-flow entries, then the services' packet counters (their last packets), then forwarding's. */
  @Test
  void flowRemovedReachesSteeringThenForwarding() throws Exception {
    try (Controller controller = startDefault()) {
      assertThat(controller.service(OFMessageService.class).chain(OFType.FLOW_REMOVED))
          .containsExactly("steering", "steering-counters", "forwarding");
    }
  }

  @Test
  void aConnectingSwitchReceivesTheCaptureEntriesInStageOrder() throws Exception {
    try (Controller controller = startDefault()) {
      assertThat(controller.service(SwitchSetupService.class).setups())
          .containsExactly("controller-meters", "lldp-capture", "signaling-capture",
              "static-entries");
    }
  }

  /**
   * The default modules (no {@code modules:} line), every socket on a free local port, and the node channel
   * open (one node agent declared), as a NetServ deployment runs them.
   */
  private Controller startDefault() throws Exception {
    Path token = Files.writeString(dir.resolve("node.token"), "chain-test-token-0123456789\n");
    Path config = Files.writeString(dir.resolve("controller.yaml"), "of-listen: 127.0.0.1:0\n"
        + "store-path: " + dir.resolve("store") + "\n"
        + "rest-listen: 127.0.0.1:0\nnode-listen: 127.0.0.1:0\nnode-agents:\n  - {id: n1, token-file: " + token
        + ", pool: pool, dpid: \"00:00:00:00:00:00:00:01\", port: 11, weight: 1}\n");
    return Controller.start(Optional.of(config), Map.of());
  }
}
