package org.netservof.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.netservof.controller.testing.Processes;

/**
 * The machine a benchmark ran on, and whether something else was keeping it busy: figures from a busy
 * machine are reported, but their ratios are not.
 *
 * @param loadBefore the 1-minute load average when the run began
 * @param loadAfter the 1-minute load average when it ended
 */
public record Machine(int cores, String cpu, String kernel, String java, String openVSwitch, double loadBefore,
    double loadAfter) {

  /** Load above this share of the cores, before the run starts, counts as foreign load. */
  static final double BUSY_SHARE = 0.5;

  /** Reads the machine now; {@link #finish()} adds the load at the end. */
  public static Machine now() {
    return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), firstLine("uname", "-r"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        firstLine("ovs-vsctl", "--version"), load(), Double.NaN);
  }

  public Machine finish() {
    return new Machine(cores, cpu, kernel, java, openVSwitch, loadBefore, load());
  }

  /** Whether foreign load was running when the benchmark began. */
  public boolean busy() {
    return loadBefore > cores * BUSY_SHARE;
  }

  @Override
  public String toString() {
    return cores + " cores (" + cpu + "), " + kernel + ", " + java + ", " + openVSwitch
        + String.format(", load %.2f before, %.2f after", loadBefore, loadAfter);
  }

  private static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      return lines.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown cpu");
    } catch (IOException e) {
      return "unknown cpu";
    }
  }

  private static String firstLine(String... command) {
    Processes.Result r = Processes.runAllowingFailure(Duration.ofSeconds(10), command);
    return r.exitCode() == 0 ? r.stdout().lines().findFirst().orElse("?").trim() : "?";
  }
}
