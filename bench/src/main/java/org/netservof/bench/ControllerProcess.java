package org.netservof.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A controller running as a child process, listening on a loopback port; stopped by its PID on close. */
record ControllerProcess(ControllerKind kind, Process process, int port, boolean pinned, Path log)
    implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 20_000;
  /** The JVM options `./netserv controller` gives the controller (see CONTROLLER_JAVA_OPTS there for why). */
  static final List<String> CONTROLLER_JVM = List.of("-XX:+UseSerialGC", "-Xmn256m",
      "-Dio.netty.leakDetection.level=disabled");

  static ControllerProcess start(ControllerKind kind, String version, Path work, boolean pinned) throws Exception {
    return start(kind, version, work, pinned, "", "");
  }

  /**
   * @param label names this controller's files apart from another of the same kind and version
   * @param extraYaml configuration lines NetServ-OF gets besides the bench's (the peer takes none)
   */
  static ControllerProcess start(ControllerKind kind, String version, Path work, boolean pinned, String label,
      String extraYaml) throws Exception {
    int port = freePort();
    String name = version + label;
    Path log = work.resolve(kind.name().toLowerCase() + "-" + name + ".log");
    List<String> command = new ArrayList<>();
    if (pinned) {
      command.addAll(List.of("taskset", "-c", "0"));
    }
    command.addAll(controllerCommand(kind, version, work, port, name, extraYaml));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ControllerProcess started = new ControllerProcess(kind, p, port, pinned, log);
    try {
      started.awaitListening();
    } catch (RuntimeException | InterruptedException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** The controller's own command line, listening on loopback {@code port} for OpenFlow {@code version}. */
  private static List<String> controllerCommand(ControllerKind kind, String version, Path work, int port,
      String name, String extraYaml) throws IOException {
    if (kind == ControllerKind.NETSERV_OF) {
      Path config = work.resolve("controller-" + name + ".yaml");
      // Throughput against a peer without PacketIn budgets: the per-port budget would be all that is measured.
      // No port quarantine either, as the peer has none: cbench's switches announce their destination host by
      // one ARP right after the handshake, which a quarantined port does not learn from, so every PacketIn
      // after it would be flooded (a PACKET_OUT and no FLOW_MOD) and the two would not do the same work.
      Files.writeString(config, "of-listen: 127.0.0.1:" + port + "\nmodules: [forwarding]\n"
          + "store-path: " + work.resolve("store-" + name) + "\n"
          + "flood-protection: {packet-in-rate: 100000000, packet-in-burst: 100000000}\n"
          + "topology: {quarantine: 0ms}\n" + extraYaml);
      List<String> java = new ArrayList<>(List.of(ControllerBench.javaBinary()));
      java.addAll(CONTROLLER_JVM);
      java.addAll(List.of("-cp", System.getProperty("java.class.path"),
          "org.netservof.controller.launcher.ControllerMain", "--config", config.toString()));
      return java;
    }
    return List.of("ovs-testcontroller", "-vconsole:off", "-vsyslog:off",
        "--unixctl=" + work.resolve("ovs-testcontroller-" + port + ".ctl"),
        "-O", version.equals("1.0") ? "OpenFlow10" : "OpenFlow13", "ptcp:" + port + ":127.0.0.1");
  }

  private void awaitListening() throws InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(kind.label + " exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(kind.label + " did not listen on port " + port + " within "
        + START_TIMEOUT_MS / 1000 + " s; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: both controllers stop cleanly on it
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public String toString() {
    return kind.label + " on port " + port;
  }
}
