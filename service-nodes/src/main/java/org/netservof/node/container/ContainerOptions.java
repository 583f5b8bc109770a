package org.netservof.node.container;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A container's command line, read by hand rather than with a command-line library: a container JVM starts for
 * every user, and picocli's classes (compiled for Java 5, which class data sharing cannot archive) took about
 * 100 ms of each start. The node agent writes this command line; people run it only for benchmarks.
 *
 * @param interfaceName the node's interface ({@code --interface}, required)
 * @param vlan the user's mark: the container sees and sends only frames with it ({@code --vlan})
 * @param outInterface send on another interface, a benchmark's bump in the wire ({@code --out-interface})
 * @param user whose container it is ({@code --user}, required)
 * @param work the container's private directory ({@code --work}, required)
 * @param budgetMicros time budget of one module call ({@code --budget-us}, default 10,000)
 * @param maxFailures errors or overruns within 10 s that unload a module ({@code --max-failures}, default 100)
 * @param hangMillis a call running this long is a hang: the container exits so the agent restarts it without the
 *     module ({@code --hang-ms}, default 2,000)
 * @param socketFromAgent take the packet socket the agent opened, filtered and bound, from standard input (a Unix
 *     socket) before the first command: the container needs no privilege ({@code --packet-socket-on-stdin})
 * @param mac the interface's MAC address, required with {@code --packet-socket-on-stdin}: the container's own
 *     network namespace does not have the interface ({@code --mac})
 * @param keepPrivileges do not drop capabilities, for tests that run unprivileged ({@code --keep-privileges})
 */
public record ContainerOptions(String interfaceName, OptionalInt vlan, Optional<String> outInterface, String user,
    Path work, long budgetMicros, int maxFailures, long hangMillis, boolean socketFromAgent, Optional<String> mac,
    boolean keepPrivileges) {
  static final String USAGE = "usage: netserv-container --interface IF --user USER --work DIR [--vlan N] "
      + "[--out-interface IF] [--budget-us N] [--max-failures N] [--hang-ms N] [--packet-socket-on-stdin --mac MAC] "
      + "[--keep-privileges]";
  private static final Set<String> VALUED = Set.of("--interface", "--vlan", "--out-interface", "--user", "--work",
      "--budget-us", "--max-failures", "--hang-ms", "--mac");
  private static final Set<String> FLAGS = Set.of("--packet-socket-on-stdin", "--keep-privileges");

  /**
   * Reads a container's command line.
   *
   * @throws IllegalArgumentException naming the option that is unknown, missing, repeated or not a number
   */
  public static ContainerOptions parse(String... args) {
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (FLAGS.contains(name)) {
        flags.add(name);
      } else if (!VALUED.contains(name)) {
        throw new IllegalArgumentException("unknown option '" + name + "'");
      } else if (i + 1 == args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      } else if (values.put(name, args[++i]) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    boolean fromAgent = flags.contains("--packet-socket-on-stdin");
    if (fromAgent && !values.containsKey("--mac")) {
      throw new IllegalArgumentException("--packet-socket-on-stdin needs --mac");
    }
    return new ContainerOptions(required(values, "--interface"), values.containsKey("--vlan")
        ? OptionalInt.of((int) number(values, "--vlan", 0)) : OptionalInt.empty(),
        Optional.ofNullable(values.get("--out-interface")), required(values, "--user"),
        Path.of(required(values, "--work")), number(values, "--budget-us", 10_000),
        (int) number(values, "--max-failures", 100), number(values, "--hang-ms", 2000), fromAgent,
        Optional.ofNullable(values.get("--mac")), flags.contains("--keep-privileges"));
  }

  private static String required(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static long number(Map<String, String> values, String name, long otherwise) {
    String value = values.get(name);
    if (value == null) {
      return otherwise;
    }
    try {
      long n = Long.parseLong(value);
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number from 0, was '" + value + "'");
    }
  }
}
