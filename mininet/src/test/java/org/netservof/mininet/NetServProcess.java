package org.netservof.mininet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code netserv controller --config FILE} as operators run it: a child process of the test, started, stopped by
 * a signal to its own PID ({@code KILL} for a crash, {@code TERM} for a clean stop), and started again on the
 * same configuration, so on the same ports and the same store. Each start writes its own log file.
 */
public final class NetServProcess implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);
  /** A log line at ERROR (the launcher's pattern: time, level, thread, logger). */
  private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ ERROR ");
  /** A line of a stack trace: a frame, a cause, or an exception's own first line (logback prints them bare). */
  private static final Pattern TRACE_LINE = Pattern.compile(
      "^(\\s+at \\S+\\(|Caused by: |\\s*\\.\\.\\. \\d+ more|[\\w.$]+(Exception|Error)(: |$)|Exception in thread )");
  private final Path config;
  private final Path dir;
  private Process process;
  private Path log;
  private int starts;

  /** What a start that did not come up left: its exit status and its log. */
  public record Exit(int code, String log) {}

  /** A controller that will read {@code config} and log into {@code dir}; nothing runs yet. */
  public NetServProcess(Path config, Path dir) {
    this.config = config;
    this.dir = dir;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String classPath() {
    return MininetScenario.root().resolve("mininet/target/lib") + "/*";
  }

  /** The configuration lines of an embedded store at {@code store}: never the default under the working directory. */
  public static String storeYaml(Path store) {
    return "store: embedded\nstore-path: " + store + "\n";
  }

  /** Starts it and waits until it logs that it runs; fails with its log if it exits first or takes too long. */
  public void start() throws Exception {
    launch();
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (log().contains("controller running")) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the controller exited " + process.exitValue() + " at start:\n" + log());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the controller did not say it runs within " + START + ":\n" + log());
  }

  /** Starts it expecting it to refuse: waits for it to exit and answers how; fails as soon as it says it runs. */
  public Exit startRefused() throws Exception {
    launch();
    long deadline = System.nanoTime() + START.toNanos();
    while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
      if (log().contains("controller running") || System.nanoTime() > deadline) {
        throw new AssertionError("the controller should have refused to start, and runs:\n" + log());
      }
    }
    return new Exit(process.exitValue(), log());
  }

  // Through python, which puts SIGHUP back to its default: a test run started under nohup passes SIGHUP on
  // ignored, and the JVM then never hears it (and the tests reload the configuration with it).
  private void launch() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the controller runs already (pid " + process.pid() + ")");
    }
    starts++;
    log = dir.resolve("controller-" + starts + ".log");
    process = new ProcessBuilder("/usr/bin/python3", "-c", "import os, signal, sys; "
        + "signal.signal(signal.SIGHUP, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
        java(), "-Xmx512m", "-cp", classPath(),
        "org.netservof.controller.launcher.ControllerMain", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Sends a signal ({@code HUP}, {@code TERM}, {@code KILL}) to the controller's own PID. */
  public void signal(String name) throws Exception {
    Process kill = new ProcessBuilder(List.of("kill", "-" + name, String.valueOf(process.pid()))).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Sends a signal and waits for the controller to exit; answers its exit status. */
  public int stop(String signalName) throws Exception {
    signal(signalName);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the controller did not exit within 30 s of SIG" + signalName + ":\n" + log());
    }
    return process.exitValue();
  }

  /**
   * Stops it as an operator does (SIGTERM) and fails unless the stop was clean: exit 0, and not one ERROR line
   * or stack trace in this run's log (a listener told of a switch's removal after its executor stopped, say).
   */
  public void stopCleanly() throws Exception {
    int code = stop("TERM");
    List<String> problems = log().lines().filter(l -> ERROR_LINE.matcher(l).find() || TRACE_LINE.matcher(l).find())
        .toList();
    if (code != 0 || !problems.isEmpty()) {
      throw new AssertionError("the controller did not stop cleanly on SIGTERM: exit " + code + ", "
          + problems.size() + " ERROR or stack trace line(s):\n" + String.join("\n", problems) + "\n---- its log:\n"
          + log());
    }
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** What the current (or last) run has logged so far. */
  public String log() {
    try {
      return log == null ? "" : Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Every run's log, in order, for a failure message. */
  public String logs() {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= starts; i++) {
      try {
        out.append("---- controller run ").append(i).append(":\n")
            .append(Files.readString(dir.resolve("controller-" + i + ".log")));
      } catch (IOException e) {
        out.append("(unreadable)\n");
      }
    }
    return out.toString();
  }

  /** The warnings and errors of every run, for reading a failed test's output. */
  public String problems() {
    StringBuilder out = new StringBuilder();
    logs().lines().filter(l -> l.startsWith("---- ") || l.contains(" WARN ") || l.contains(" ERROR "))
        .forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  /** A TCP port free on {@code host} now, for a configuration that must name the same port at every start. */
  public static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    if (alive()) {
      process.destroy(); // SIGTERM to our own process
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
