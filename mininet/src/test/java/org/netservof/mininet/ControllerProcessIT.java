package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.testing.Eventually;
import org.netservof.protocol.signaling.SignalKeys;

/**
 * {@code netserv controller} as the process operators run: SIGHUP reads the users again, a configuration
 * that no longer reads leaves the running one in force, and SIGTERM stops it with exit 0.
 */
class ControllerProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void sighupReadsTheUsersAgainAndABrokenFileChangesNothing() throws Exception {
    Path config = dir.resolve("controller.yaml");
    Path log = dir.resolve("controller.log");
    SignalKeys.generate(dir.resolve("alice.key"));
    Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\nusers: []\n");
    // Through python, which puts SIGHUP back to its default: a test run started under nohup passes SIGHUP on
    // ignored, and the JVM then never hears it.
    Process controller = new ProcessBuilder("/usr/bin/python3", "-c", "import os, signal, sys; "
        + "signal.signal(signal.SIGHUP, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", MininetScenario.root().resolve("mininet/target/lib").toString() + "/*",
        "org.netservof.controller.launcher.ControllerMain", "--config", config.toString())
        .directory(dir.toFile()) // the default store-path, netserv-store, in the test's directory
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Eventually.waitFor("the controller running", WAIT, () -> logHas(log, "controller running"));
      assertThat(Files.readString(log)).contains("for 0 user(s)");

      Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\nusers:\n  - name: alice\n    public-key-file: "
          + SignalKeys.publicFile(dir.resolve("alice.key")) + "\n    filter-prefixes: [10.0.0.0/24]\n"
          + "    protocols: [udp]\n    max-services: 1\n    max-rate-kbps: 0\n");
      hangUpUntil(controller, log, "users read again: 1 user(s)");

      Files.writeString(config, "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\nusers: []\nno-such-key: 1\n");
      hangUpUntil(controller, log, "configuration not read again");
      assertThat(Files.readString(log)).contains("unknown key 'no-such-key'")
          .doesNotContain("users read again: 0 user(s)");
      assertThat(controller.isAlive()).isTrue();
    } finally {
      controller.destroy(); // SIGTERM to our own process
      assertThat(controller.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(controller.exitValue()).isZero();
    assertThat(Files.readString(log)).contains("stopped");
  }

  /**
   * SIGHUP, again every 5 s until the log shows {@code line}: reading the file again is idempotent, and on a
   * loaded machine one signal was seen to go unanswered for a minute in a full run.
   */
  private static void hangUpUntil(Process p, Path log, String line) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      hangUp(p);
      for (int i = 0; i < 50; i++) {
        if (logHas(log, line)) {
          return;
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("no '" + line + "' in the controller log within " + WAIT + ":\n" + Files.readString(log));
  }

  private static void hangUp(Process p) throws Exception {
    Process kill = new ProcessBuilder(List.of("kill", "-HUP", String.valueOf(p.pid()))).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  private static boolean logHas(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
