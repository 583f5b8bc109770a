package org.netservof.bench;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code netserv bench NAME}: runs one benchmark end to end, prints its table and writes its JSON. */
@Command(name = "netserv bench", mixinStandardHelpOptions = true, subcommands = {BenchMain.ControllerRun.class, BenchMain.Handshake.class,
    BenchMain.FlowModsRun.class, BenchMain.Datapath.class, BenchMain.Failover.class, BenchMain.Signaling.class,
    BenchMain.Steering.class, BenchMain.Rest.class, BenchMain.Store.class, BenchMain.Restart.class,
    BenchMain.Cluster.class, ServiceRun.class},
    description = "Runs a benchmark: every figure is measured against a peer in the same run, on this machine.")
public final class BenchMain {
  @Option(names = "--out", paramLabel = "DIR", description = "Where the JSON results go (default bench-results).")
  Path out = Path.of("bench-results");

  /** A benchmark's subcommand: its options build the benchmark, which runs in a scratch directory. */
  abstract static class BenchCommand implements Callable<Integer> {
    @ParentCommand
    BenchMain parent;

    abstract Report run(Path work) throws Exception;

    @Override
    public Integer call() throws Exception {
      return parent.publish(this);
    }
  }

  /** A scratch directory that node containers (running as nobody) can pass through. */
  static Path workDirectory() throws IOException {
    Path work = Files.createTempDirectory("netserv-bench-");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
    return work;
  }

  /**
   * Runs a benchmark in a fresh scratch directory, prints its table and writes its JSON. The directory (logs,
   * configurations) goes when the run succeeds and stays, named on stderr, when it fails.
   */
  int publish(BenchCommand bench) throws Exception {
    Path work = workDirectory();
    Report report;
    try {
      report = bench.run(work);
    } catch (Exception | Error e) {
      System.err.println("benchmark failed; its logs are in " + work);
      throw e;
    }
    report.print(System.out);
    System.out.println("results: " + report.write(out));
    MoreFiles.deleteRecursively(work, RecursiveDeleteOption.ALLOW_INSECURE);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Command(name = "controller", mixinStandardHelpOptions = true,
      description = "The switch emulator against NetServ-OF and against ovs-testcontroller: OpenFlow 1.0 and 1.3, "
          + "1 and 16 switches, UDP and cbench frames, responses and PacketIns answered per second (throughput) and "
          + "round trips (latency), and every switch reconnecting mid-run; CPUs pinned.")
  static final class ControllerRun extends BenchCommand {
    @Option(names = "--seconds", description = "Measured seconds per run (default ${DEFAULT-VALUE}).")
    int seconds = 10;

    // A JVM pinned to one core compiles its hot paths on that same core: under the emulator NetServ-OF's
    // rate still climbs for about ten seconds.
    @Option(names = "--warmup", paramLabel = "SECONDS",
        description = "Warm-up run against each controller before measuring (default ${DEFAULT-VALUE}).")
    int warmup = 15;

    // Both controllers must be able to learn every MAC: ovs-testcontroller's table holds a few thousand,
    // and past that it floods instead of installing flows, which would not be the same work.
    @Option(names = "--macs", description = "Source MACs per switch (default ${DEFAULT-VALUE}).")
    int macs = 1000;

    @Option(names = "--frames", split = ",", paramLabel = "udp|cbench",
        description = "Frame styles, each in both modes (default ${DEFAULT-VALUE}).")
    List<String> frames = List.of("udp", "cbench");

    @Option(names = "--reconnect", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Add the run in which every switch reconnects mid-run (default ${DEFAULT-VALUE}).")
    boolean reconnect;

    @Override
    Report run(Path work) throws Exception {
      List<String> runs = frames.stream().flatMap(f -> Stream.of(f + " throughput", f + " latency")).toList();
      return new ControllerBench(seconds, warmup, macs, new ControllerBench.Scope(ControllerBench.VERSIONS,
          ControllerBench.SWITCHES, runs, reconnect, ControllerBench.EMULATOR_WARMUP)).run(work);
    }
  }

  @Command(name = "handshake", mixinStandardHelpOptions = true,
      description = "A new switch's handshake (connect to FEATURES_REQUEST, and to its first PacketIn answered) "
          + "with none flooding, while 15 emulated switches flood, and right after the 15 drop at once; NetServ-OF "
          + "against ovs-testcontroller, CPUs pinned.")
  static final class Handshake extends BenchCommand {
    @Option(names = "--probes", description = "New switches per scenario; medians are reported "
        + "(default ${DEFAULT-VALUE}).")
    int probes = 5;

    // ovs-testcontroller serves at most 16 switches: with 16 flooding it never takes a new one up.
    @Option(names = "--flooding", description = "Switches flooding (default ${DEFAULT-VALUE}).")
    int flooding = 15;

    @Option(names = "--seconds", description = "Length of the flood (default ${DEFAULT-VALUE}).")
    int seconds = 5;

    @Option(names = "--versions", split = ",", description = "OpenFlow versions (default ${DEFAULT-VALUE}).")
    List<String> versions = List.of("1.3");

    @Option(names = "--drop", paramLabel = "close|rst", description = "How the 16 drop their connections "
        + "(default ${DEFAULT-VALUE}).")
    String drop = "rst";

    @Override
    Report run(Path work) throws Exception {
      return new HandshakeBench(flooding, probes, seconds, versions, drop).run(work);
    }
  }

  @Command(name = "flowmods", mixinStandardHelpOptions = true,
      description = "Steering's installs confirmed by barriers against the same entries written by ovs-ofctl "
          + "add-flows with one barrier at the end, on one Open vSwitch bridge.")
  static final class FlowModsRun extends BenchCommand {
    @Option(names = "--entries", split = ",", description = "Entry counts to reach (default ${DEFAULT-VALUE}).")
    List<Integer> entries = List.of(1000, 10000);

    @Option(names = "--rounds", description = "Rounds; medians are reported (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Override
    Report run(Path work) throws Exception {
      return new FlowModsBench(entries, rounds).run(work);
    }
  }

  @Command(name = "steering", mixinStandardHelpOptions = true,
      description = "Reactive against proactive steering on Mininet: registration to first packet at the node, "
          + "and new flows placed per second.")
  static final class Steering extends BenchCommand {
    @Option(names = "--flows", description = "New UDP flows per round (default ${DEFAULT-VALUE}).")
    int flows = 2000;

    @Option(names = "--rounds", description = "Rounds; medians are reported (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Override
    Report run(Path work) throws Exception {
      return new SteeringBench(flows, rounds).run(work);
    }
  }

  @Command(name = "datapath", mixinStandardHelpOptions = true,
      description = "A service node's container against a Linux bridge and plain Open vSwitch between the same "
          + "interfaces: frames forwarded per second with NetMonitor (64 B) and KeepAlive Responder (340 B), and "
          + "container memory; then ping RTT, first packet and steady, through a steered path against the direct "
          + "path on Mininet with a real service node.")
  static final class Datapath extends BenchCommand {
    @Option(names = "--seconds", description = "Length of each forwarding measurement (default ${DEFAULT-VALUE}).")
    int seconds = 5;

    @Option(names = "--rounds", description = "Forwarding rounds; medians are reported (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--rtt-rounds", description = "RTT rounds, each a fresh first packet per path "
        + "(default ${DEFAULT-VALUE}).")
    int rttRounds = 5;

    @Option(names = "--pings", description = "Steady pings per RTT round, 10 ms apart (default ${DEFAULT-VALUE}).")
    int pings = 100;

    @Override
    Report run(Path work) throws Exception {
      return new DatapathBench(seconds, rounds, new SteeredPathRtt(rttRounds, pings)).run(work);
    }
  }

  @Command(name = "signaling", mixinStandardHelpOptions = true,
      description = "Signed SETUPs processed per second against bare Ed25519 verification, and SETUP sent to the "
          + "first keep-alive answered by the module it installs, on Mininet with a real service node.")
  static final class Signaling extends BenchCommand {
    @Option(names = "--count", description = "SETUPs in the throughput run (default ${DEFAULT-VALUE}).")
    int count = 3000;

    @Option(names = "--window", description = "SETUPs outstanding at once (default ${DEFAULT-VALUE}).")
    int window = 16;

    @Option(names = "--rounds", description = "SETUP-to-first-answer rounds; the median is reported "
        + "(default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Override
    Report run(Path work) throws Exception {
      return new SignalingBench(count, window, rounds).run(work);
    }
  }

  @Command(name = "failover", mixinStandardHelpOptions = true,
      description = "Three real service nodes on Mininet, one killed under a stream of many flows: node death to "
          + "its flows at the survivors against the controller's detection alone, and how many other flows moved.")
  static final class Failover extends BenchCommand {
    @Option(names = "--flows", description = "UDP flows in the stream (default ${DEFAULT-VALUE}).")
    int flows = 60;

    @Option(names = "--period-ms", description = "Each flow sends one packet per period (default ${DEFAULT-VALUE}).")
    int periodMs = 10;

    @Option(names = "--rounds", description = "Kills per mode, n1, n2, n3 in turn; medians are reported "
        + "(default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Override
    Report run(Path work) throws Exception {
      return new FailoverBench(flows, periodMs, rounds).run(work);
    }
  }

  @Command(name = "rest", mixinStandardHelpOptions = true,
      description = "The REST API with a real Open vSwitch bridge: reads per second against the JDK HTTP server "
          + "serving the same bytes, service creation and deletion per second against the Java steering API, and "
          + "the cost of metrics: PacketIns answered/s with metrics on against off (goal: under 5% apart).")
  static final class Rest extends BenchCommand {
    @Option(names = "--seconds", description = "Length of the read load (default ${DEFAULT-VALUE}).")
    int seconds = 5;

    @Option(names = "--clients", description = "Client threads reading at once (default ${DEFAULT-VALUE}).")
    int clients = 4;

    @Option(names = "--services", description = "Services created, then deleted (default ${DEFAULT-VALUE}).")
    int services = 200;

    @Option(names = "--metrics-rounds", description = "Runs each with metrics on and off, alternating "
        + "(default ${DEFAULT-VALUE}).")
    int metricsRounds = 5;

    @Option(names = "--metrics-seconds", description = "Measured seconds per metrics run (default ${DEFAULT-VALUE}).")
    int metricsSeconds = 6;

    @Option(names = "--metrics-warmup", paramLabel = "SECONDS", description = "Warm-up run against each of the two "
        + "controllers first (default ${DEFAULT-VALUE}).")
    int metricsWarmup = 15;

    @Override
    Report run(Path work) throws Exception {
      MetricsCost metricsCost = new MetricsCost(metricsRounds, metricsSeconds, metricsWarmup,
          ControllerBench.EMULATOR_WARMUP);
      return new RestBench(seconds, clients, services, metricsCost).run(work);
    }
  }

  @Command(name = "store", mixinStandardHelpOptions = true,
      description = "The embedded intent store's writes per second (services through IntentStore, one commit "
          + "each) against the same bytes put and committed straight into MVStore, forced to disk and not.")
  static final class Store extends BenchCommand {
    @Option(names = "--writes", description = "Writes per round, cycling over 1,000 services "
        + "(default ${DEFAULT-VALUE}).")
    int writes = 5000;

    @Option(names = "--sync", split = ",", description = "store-sync settings to measure (default ${DEFAULT-VALUE}).")
    List<Boolean> syncs = List.of(true, false);

    @Option(names = "--rounds", description = "Rounds; medians are reported (default ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Override
    Report run(Path work) throws Exception {
      return new StoreBench(writes, 1000, rounds, syncs).run(work);
    }
  }

  @Command(name = "cluster", mixinStandardHelpOptions = true,
      description = "Three controllers sharing one etcd, every switch connected to each, on Mininet: mastership "
          + "handover after kill -9 of a switch's master (median and max; goal under 2 s), packets an established "
          + "steered flow loses across it (goal 0), and services created per second through one member and spread "
          + "over three, against one controller on the embedded store.")
  static final class Cluster extends BenchCommand {
    @Option(names = "--rounds", description = "Masters killed for the handover time (default ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(names = "--services", description = "Services created per throughput run (default ${DEFAULT-VALUE}).")
    int services = 200;

    @Option(names = "--packets", description = "Packets of the steered flow, 50 a second (default ${DEFAULT-VALUE}).")
    int packets = 1000;

    @Override
    Report run(Path work) throws Exception {
      return new ClusterBench(rounds, services, packets).run(work);
    }
  }

  @Command(name = "restart", mixinStandardHelpOptions = true,
      description = "The controller killed (SIGKILL) and started again on its store, on Mininet: packets an "
          + "established steered flow loses across the restart (goal 0), and start to all intent reconciled for "
          + "many services on four switches, entries in place and wiped, against ovs-ofctl writing the same entries; "
          + "and the store's writes per second against raw MVStore's.")
  static final class Restart extends BenchCommand {
    @Option(names = "--services", description = "Proactive services created over REST (default ${DEFAULT-VALUE}).")
    int services = 1000;

    @Option(names = "--switches", description = "Switches in the line (default ${DEFAULT-VALUE}).")
    int switches = 4;

    @Option(names = "--packets", description = "Packets of the steered flow, 50 a second (default ${DEFAULT-VALUE}).")
    int packets = 1000;

    @Override
    Report run(Path work) throws Exception {
      return new RestartBench(services, switches, packets).run(work);
    }
  }
}
