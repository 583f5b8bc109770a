package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.protocol.signaling.SignalKeys;

/**
 * {@code netserv controller} as the process operators run ({@link NetServProcess}): SIGHUP reads the users again,
 * a configuration that no longer reads leaves the running one in force, and SIGTERM stops it with exit 0 and
 * without an ERROR line or a stack trace in its log.
 */
class ControllerProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void sighupReadsTheUsersAgainAndABrokenFileChangesNothing() throws Exception {
    Path config = dir.resolve("controller.yaml");
    SignalKeys.generate(dir.resolve("alice.key"));
    // Its own store, not the default one under the working directory.
    String listen = "of-listen: 127.0.0.1:0\nrest-listen: 127.0.0.1:0\n"
        + NetServProcess.storeYaml(dir.resolve("store"));
    Files.writeString(config, listen + "users: []\n");
    try (NetServProcess controller = new NetServProcess(config, dir)) {
      controller.start();
      assertThat(controller.log()).contains("for 0 user(s)");

      Files.writeString(config, listen + "users:\n  - name: alice\n"
          + "    public-key-file: " + SignalKeys.publicFile(dir.resolve("alice.key")) + "\n"
          + "    filter-prefixes: [10.0.0.0/24]\n    protocols: [udp]\n    max-services: 1\n    max-rate-kbps: 0\n");
      hangUpUntil(controller, "users read again: 1 user(s)");

      Files.writeString(config, listen + "users: []\nno-such-key: 1\n");
      hangUpUntil(controller, "configuration not read again");
      assertThat(controller.log()).contains("unknown key 'no-such-key'")
          .doesNotContain("users read again: 0 user(s)");
      assertThat(controller.alive()).isTrue();
      controller.stopCleanly();
      assertThat(controller.log()).contains("stopped");
    }
  }

  /**
   * SIGHUP, again every 5 s until the log shows {@code line}: reading the file again is idempotent, and on a
   * loaded machine one signal was seen to go unanswered for a minute in a full run.
   */
  private static void hangUpUntil(NetServProcess controller, String line) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      controller.signal("HUP");
      for (int i = 0; i < 50; i++) {
        if (controller.log().contains(line)) {
          return;
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("no '" + line + "' in the controller log within " + WAIT + ":\n" + controller.log());
  }
}
