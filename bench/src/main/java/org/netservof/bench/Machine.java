package org.netservof.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param foreignCores cores that processes outside the benchmark kept busy during the run, on average
 *     (see {@link ForeignLoad}); NaN until {@link #finish()}
 * @param start what foreign processes had used when the run began
 */
public record Machine(int cores, String cpu, String kernel, String java, String openVSwitch, double loadBefore,
    double loadAfter, double foreignCores, @JsonIgnore ForeignLoad.Snapshot start) {

  /** Foreign processes using more than this many cores during the run make its ratios meaningless. */
  static final double BUSY_FOREIGN_CORES = 0.25;

  /** Reads the machine now; {@link #finish()} adds the load at the end and the foreign CPU in between. */
  public static Machine now() {
    return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), firstLine("uname", "-r"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        firstLine("ovs-vsctl", "--version"), load(), Double.NaN, Double.NaN,
        ForeignLoad.ofThisProcess().snapshot());
  }

  public Machine finish() {
    ForeignLoad watch = ForeignLoad.ofThisProcess();
    return new Machine(cores, cpu, kernel, java, openVSwitch, loadBefore, load(),
        watch.coresBetween(start, watch.snapshot()), start);
  }

  /**
   * Whether processes outside the benchmark competed with it while it ran. The load average before the run
   * is recorded but does not decide: it also counts the benchmark's own predecessors (the test suite's
   * earlier tests, say), which are gone when the run starts.
   */
  public boolean busy() {
    return foreignCores > BUSY_FOREIGN_CORES;
  }

  /** Why the machine counts as busy, for the report. */
  public String busyReason() {
    return String.format("other processes used %.2f cores during the run", foreignCores);
  }

  @Override
  public String toString() {
    return cores + " cores (" + cpu + "), " + kernel + ", " + java + ", " + openVSwitch
        + String.format(", load %.2f before, %.2f after, foreign CPU %.2f cores", loadBefore, loadAfter,
            foreignCores);
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
