package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netservof.bench.emulator.EmulatorMain;

/** The switch emulator as a child process, pinned to CPU 1 when the controller is pinned to CPU 0. */
final class EmulatorProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmulatorProcess() {}

  /**
   * Runs the emulator against {@code controller} with {@code args} (its options but {@code --controller});
   * returns the JSON line it printed. {@code seconds} is how long the run should take, for the timeout.
   */
  static JsonNode run(ControllerProcess controller, List<String> args, long seconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (controller.pinned()) {
      command.addAll(List.of("taskset", "-c", "1"));
    }
    command.addAll(List.of(ControllerBench.javaBinary(), "-cp", System.getProperty("java.class.path"),
        EmulatorMain.class.getName(), "--controller", "127.0.0.1:" + controller.port()));
    command.addAll(args);
    Process emulator = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String out = new String(emulator.getInputStream().readAllBytes());
      if (!emulator.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the emulator did not finish");
      }
      if (emulator.exitValue() != 0) {
        throw new IllegalStateException("the emulator against " + controller + " exited with "
            + emulator.exitValue() + ": " + out);
      }
      String json = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
          .orElseThrow(() -> new IllegalStateException("the emulator printed no result: " + out));
      return JSON.readTree(json);
    } finally {
      if (emulator.isAlive()) {
        emulator.destroyForcibly().waitFor();
      }
    }
  }
}
