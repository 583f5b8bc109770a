package org.netservof.bench;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netserv bench service}: see {@link ServiceBench}. */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = "A service's start to the first packet its module handles, on Mininet with a real node: warm "
        + "(the user's container already runs, with another module or the same one) against the 50 ms goal, cold "
        + "(a container JVM starts), and the container's resident memory against 64 MB.")
final class ServiceRun extends BenchMain.BenchCommand {
  @Option(names = "--rounds", description = "Rounds of each kind; medians are reported (default ${DEFAULT-VALUE}).")
  int rounds = 5;

  @Option(names = "--agent-log", description = "Print the node agent's log (its containers' too) at the end, to "
      + "read where a start's time went.")
  boolean agentLog;

  @Override
  Report run(Path work) throws Exception {
    return new ServiceBench(rounds, agentLog).run(work);
  }
}
