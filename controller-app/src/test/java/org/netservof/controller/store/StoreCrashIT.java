package org.netservof.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.Versioned;

/**
 * A controller killed with SIGKILL in the middle of writing keeps every change it acknowledged, and while it
 * runs no second controller opens its store. The writer is a child JVM ({@link AcknowledgingWriter}).
 */
class StoreCrashIT {
  @TempDir
  Path dir;

  private Process writer(Path file, boolean sync) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        AcknowledgingWriter.class.getName(), file.toString(), "1000000", Boolean.toString(sync))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  @Test
  void everyAcknowledgedWriteSurvivesAKillMinus9() throws Exception {
    for (boolean sync : new boolean[] {true, false}) {
      Path file = dir.resolve("sync-" + sync).resolve("intent.mv.db");
      List<Integer> acknowledged = killMidStream(file, sync, ThreadLocalRandom.current().nextInt(300, 3000));
      try (EmbeddedStoreService stores = EmbeddedStoreService.open(file, sync)) {
        IntentStore<Integer, String> services = stores.open("services", Integer.class, String.class);
        Map<Integer, Versioned<String>> all = services.all();
        for (int key : acknowledged) {
          assertThat(all.get(key)).as("acknowledged key %d (sync %s)", key, sync).isNotNull()
              .extracting(Versioned::value).isEqualTo(AcknowledgingWriter.value(key));
        }
        assertThat(services.revision()).isGreaterThanOrEqualTo(acknowledged.size());
      }
    }
  }

  @Test
  void aSecondControllerOnARunningStoreIsRefusedNamingThePath() throws Exception {
    Path file = dir.resolve("intent.mv.db");
    Process first = writer(file, true);
    try (BufferedReader out = reader(first)) {
      assertThat(out.readLine()).isEqualTo("open");
      assertThatThrownBy(() -> EmbeddedStoreService.open(file, true)).isInstanceOf(IOException.class)
          .hasMessageContaining(file.toString()).hasMessageContaining("in use by another controller");
      assertThat(first.isAlive()).as("the first controller writes on").isTrue();
    } finally {
      first.destroyForcibly();
      first.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts the writer, SIGKILLs it once it acknowledged {@code after} keys, and returns every key it printed. */
  private List<Integer> killMidStream(Path file, boolean sync, int after) throws Exception {
    Process child = writer(file, sync);
    List<Integer> acknowledged = new ArrayList<>();
    try (BufferedReader out = reader(child)) {
      assertThat(out.readLine()).isEqualTo("open");
      while (acknowledged.size() < after) {
        String line = out.readLine();
        assertThat(line).as("the writer died early").isNotNull();
        acknowledged.add(Integer.parseInt(line));
      }
      // kill(1), not destroyForcibly(): that also closes our end of the pipe, and the keys the writer printed
      // before it died are still in it.
      assertThat(new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor()).isZero();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (!line.isEmpty()) {
          acknowledged.add(Integer.parseInt(line.strip()));
        }
      }
    }
    return acknowledged;
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }
}
