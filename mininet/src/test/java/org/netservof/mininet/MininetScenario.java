package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.netservof.controller.testing.Ovs;
import org.netservof.controller.testing.Processes;

/**
 * Runs a scenario of {@code mininet/python/netservof/scenario.py} under Debian's Python 3 with Mininet,
 * and returns the JSON it reports on its {@code RESULT} line.
 */
public final class MininetScenario {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MininetScenario() {}

  public static Path root() {
    String root = System.getProperty("netservof.root");
    if (root == null) {
      throw new IllegalStateException("system property netservof.root (the repository root) is not set");
    }
    return Path.of(root);
  }

  /** Runs {@code scenario.py <name> <args...>}; fails with the script's output if it cannot run. */
  public static JsonNode run(Duration limit, String name, String... args) throws Exception {
    Ovs.ensureRunning();
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3",
        root().resolve("mininet/python/netservof/scenario.py").toString(), name));
    command.addAll(List.of(args));
    Processes.Result result = Processes.runAllowingFailure(limit, command, null);
    System.out.println(result.stdout());
    if (result.exitCode() != 0) {
      throw new AssertionError("scenario " + name + " exited " + result.exitCode() + ":\n" + result.stdout()
          + result.stderr());
    }
    String line = result.stdout().lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("scenario " + name + " reported no RESULT:\n" + result.stdout()
            + result.stderr()));
    return JSON.readTree(line.substring("RESULT ".length()));
  }
}
