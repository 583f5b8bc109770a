package org.netservof.bench.emulator;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.netservof.controller.api.HostPort;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the switch emulator against a controller and prints what it measured: a table, then one JSON line. */
@Command(name = "switch-emulator",
    description = "cbench-style OpenFlow switch emulator: N switches send PacketIns to a controller and count "
        + "its FLOW_MODs and PACKET_OUTs per second, and the PacketIns they answer.",
    footer = {"", "Frames: udp, 64-byte UDP frames between learnable MACs on 4 ports, unbuffered; cbench, byte for "
        + "byte cbench's PacketIns (IPv4 protocol 255, buffer ids, its MAC pattern, a gratuitous ARP first).",
        "--reconnect-every: every SECONDS of the measured part each switch closes its connection and connects "
        + "again at once (new TCP connection, full handshake).",
        "--probes: during the measured part, N new switches connect one after another, each timing the "
        + "controller's handshake (connect to FEATURES_REQUEST, and to its first PacketIn answered).",
        "--drop: at the end every switch drops its connection at once (close: FIN, rst: reset) and a new "
        + "switch times its handshake right after."})
public final class EmulatorMain implements Callable<Integer> {
  /** Exit status when no switch got through the controller's handshake. */
  static final int NOT_READY = 3;
  static final int USAGE = 2;

  // --version is the OpenFlow version here, so picocli's standard --version option is left out.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--controller", paramLabel = "HOST:PORT", description = "The controller (default ${DEFAULT-VALUE}).")
  String controller = "127.0.0.1:6653";

  @Option(names = "--switches", paramLabel = "N", description = "Switches, 1 to 256 (default ${DEFAULT-VALUE}).")
  int switches = 16;

  @Option(names = "--macs", paramLabel = "M", description = "Source MACs per switch (default ${DEFAULT-VALUE}).")
  int macs = 100_000;

  @Option(names = "--version", paramLabel = "1.0|1.3", description = "OpenFlow version (default ${DEFAULT-VALUE}).")
  String version = "1.3";

  @Option(names = "--mode", paramLabel = "throughput|latency",
      description = "Window of PacketIns per switch, or one at a time (default ${DEFAULT-VALUE}).")
  String mode = "throughput";

  @Option(names = "--seconds", description = "Measured seconds (default ${DEFAULT-VALUE}).")
  int seconds = 10;

  @Option(names = "--warmup", paramLabel = "SECONDS", description = "Seconds of traffic before measuring "
      + "(default ${DEFAULT-VALUE}).")
  int warmup = 2;

  @Option(names = "--window", description = "PacketIns outstanding per switch in throughput mode "
      + "(default ${DEFAULT-VALUE}).")
  int window = 64;

  @Option(names = "--frames", paramLabel = "udp|cbench", description = "PacketIn frames (default ${DEFAULT-VALUE}).")
  String frames = "udp";

  @Option(names = "--reconnect-every", paramLabel = "SECONDS", description = "Reconnect period, 0: never.")
  int reconnectEvery;

  @Option(names = "--probes", paramLabel = "N", description = "New switches timing the handshake, in turn.")
  int probes;

  @Option(names = "--drop", paramLabel = "none|close|rst", description = "All drop at the end (default none).")
  String drop = "none";

  @Override
  public Integer call() throws Exception {
    EmulatorConfig config;
    try {
      config = new EmulatorConfig(HostPort.parse(controller), switches, macs, EmulatorConfig.parseVersion(version),
          EmulatorMode.valueOf(mode.toUpperCase()), window, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup),
          FrameStyle.parse(frames),
          new Disruption(Duration.ofSeconds(reconnectEvery), probes, Disruption.Drop.parse(drop)));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return USAGE;
    }
    EmulatorResult result = new SwitchEmulator(config).run();
    if (result.switchesReady() == 0 && switches > 0) {
      System.err.println("no switch got through the handshake of " + controller + " within "
          + SwitchEmulator.READY_TIMEOUT.toSeconds() + " s");
      return NOT_READY;
    }
    result.print(System.out);
    System.out.println(result.json());
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EmulatorMain()).execute(args));
  }
}
