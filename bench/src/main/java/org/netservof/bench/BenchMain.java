package org.netservof.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netserv bench NAME}: runs one benchmark end to end, prints its table and writes its JSON. */
@Command(name = "netserv bench", mixinStandardHelpOptions = true, subcommands = {BenchMain.Steering.class, BenchMain.Datapath.class,
    BenchMain.Signaling.class},
    description = "Runs a benchmark: every figure is measured against a peer in the same run, on this machine.")
public final class BenchMain {
  @Option(names = "--out", paramLabel = "DIR", description = "Where the JSON results go (default bench-results).")
  static Path out = Path.of("bench-results");

  /** A scratch directory that node containers (running as nobody) can pass through. */
  static Path workDirectory() throws java.io.IOException {
    Path work = Files.createTempDirectory("netserv-bench-");
    Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    return work;
  }

  /** Prints a benchmark's table and writes its JSON. */
  static int publish(Report report) throws java.io.IOException {
    report.print(System.out);
    System.out.println("results: " + report.write(out));
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Command(name = "steering", mixinStandardHelpOptions = true,
      description = "Reactive against proactive steering on Mininet: registration to first packet at the node, "
          + "and new flows placed per second.")
  static final class Steering implements Callable<Integer> {
    @Option(names = "--flows", description = "New UDP flows per round (default ${DEFAULT-VALUE}).")
    int flows = 2000;

    @Option(names = "--rounds", description = "Rounds; medians are reported (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Override
    public Integer call() throws Exception {
      return publish(new SteeringBench(flows, rounds).run(workDirectory()));
    }
  }

  @Command(name = "datapath", mixinStandardHelpOptions = true,
      description = "A service node's container against a Linux bridge and plain Open vSwitch between the same "
          + "interfaces: frames forwarded per second with NetMonitor (64 B) and KeepAlive Responder (340 B), and "
          + "container memory; then ping RTT, first packet and steady, through a steered path against the direct "
          + "path on Mininet with a real service node.")
  static final class Datapath implements Callable<Integer> {
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
    public Integer call() throws Exception {
      return publish(new DatapathBench(seconds, rounds, new SteeredPathRtt(rttRounds, pings)).run(workDirectory()));
    }
  }

  @Command(name = "signaling", mixinStandardHelpOptions = true,
      description = "Signed SETUPs processed per second against bare Ed25519 verification, and SETUP sent to the "
          + "first keep-alive answered by the module it installs, on Mininet with a real service node.")
  static final class Signaling implements Callable<Integer> {
    @Option(names = "--count", description = "SETUPs in the throughput run (default ${DEFAULT-VALUE}).")
    int count = 3000;

    @Option(names = "--window", description = "SETUPs outstanding at once (default ${DEFAULT-VALUE}).")
    int window = 16;

    @Option(names = "--rounds", description = "SETUP-to-first-answer rounds; the median is reported "
        + "(default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Override
    public Integer call() throws Exception {
      return publish(new SignalingBench(count, window, rounds).run(workDirectory()));
    }
  }
}
