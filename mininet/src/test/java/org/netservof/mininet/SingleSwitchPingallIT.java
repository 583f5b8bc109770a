package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.LogCapture;

/** One switch, three Mininet hosts, the controller's forwarding module: every host reaches every other. */
class SingleSwitchPingallIT {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"OpenFlow13", "OpenFlow10"})
  void pingallHasNoLoss(String protocol, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nmodules: [forwarding]\n"
        + "store-path: " + dir.resolve("store") + "\n");
    try (LogCapture log = new LogCapture();
        Controller controller = Controller.start(Optional.of(config), Map.of())) {
      String address = "127.0.0.1:" + controller.openFlowAddress().getPort();

      JsonNode result = MininetScenario.run(Duration.ofMinutes(3), "pingall", "--controller", address,
          "--protocols", protocol, "--topo", "single", "--hosts", "3");

      assertThat(result.get("connected").asBoolean()).as("switch connected").isTrue();
      assertThat(result.get("hosts")).hasSize(3);
      assertThat(result.get("loss").asDouble()).as("pingall loss %").isZero();
      assertThat(log.problems()).as("controller warnings and errors").isEmpty();
      // The cluster module runs wherever it is available; alone it masters every switch and changes nothing. The
      // metrics module runs for the core, which counts its messages there.
      assertThat(controller.moduleNames()).isEqualTo(List.of("metrics", "core", "cluster", "link-discovery",
          "topology", "hosts", "forwarding"));
    }
  }
}
