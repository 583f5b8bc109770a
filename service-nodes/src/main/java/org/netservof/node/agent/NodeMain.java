package org.netservof.node.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netservof.node.io.AfPacketSocket;
import org.netservof.node.io.Selection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netserv node}: the service node agent, attached to one interface, run in the foreground. */
@Command(name = "netserv node", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs a NetServ service node on one interface (its link to the switch): it registers with the "
        + "controller, runs one container per user, and loads the modules the controller installs.")
public final class NodeMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(NodeMain.class);

  @Option(names = "--interface", required = true, paramLabel = "IF", description = "The node's link to the switch.")
  String interfaceName;

  @Option(names = "--controller", required = true, paramLabel = "HOST:PORT",
      description = "The controller's node channel (its node-listen address).")
  String controller;

  @Option(names = "--id", required = true, description = "The node's name, unique in the fabric.")
  String id;

  @Option(names = "--token-file", required = true, paramLabel = "FILE",
      description = "File holding this node's own token (the token-file of its entry in the controller's "
          + "node-agents).")
  Path tokenFile;

  @Option(names = "--pool", description = "The pool it expects to join (default ${DEFAULT-VALUE}); the "
      + "controller's node-agents entry decides.")
  String pool = "default";

  @Option(names = "--weight", description = "Capacity it expects relative to the pool's other nodes (default "
      + "${DEFAULT-VALUE}); the controller's node-agents entry decides.")
  int weight = 1;

  @Option(names = "--attachment", paramLabel = "DPID/PORT",
      description = "Where the node is plugged in; learnt from the controller's LLDP probes when not given.")
  String attachment;

  @Option(names = "--blocks", split = ",", description = "Building blocks the node offers (default ${DEFAULT-VALUE}).")
  List<String> blocks = new ArrayList<>(List.of("java-modules", "packet-io"));

  @Option(names = "--work", description = "Working directory: module cache, containers (default /tmp/netserv-node-ID).")
  Path work;

  @Option(names = "--container-heap", description = "Heap cap of each container JVM (default ${DEFAULT-VALUE}).")
  String containerHeap = "32m";

  @Option(names = "--container-user", description = "The user containers run as when the agent runs as root; its "
      + "only capability is opening the packet socket (default ${DEFAULT-VALUE}).")
  String containerUser = "nobody";

  @Option(names = "--container-restart-delay", paramLabel = "MILLIS", description = "Wait before restarting a "
      + "crashed container, doubled on each restart up to 5 s (default ${DEFAULT-VALUE}).")
  long restartDelayMillis = 200;

  @Option(names = "--container-jvm-options", description = "More options for container JVMs, space separated.")
  String containerJvmOptions = "";

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String token = Files.readString(tokenFile).trim();
    if (token.isEmpty()) {
      System.err.println("netserv node: " + tokenFile + " is empty");
      return 2;
    }
    int colon = controller.lastIndexOf(':');
    InetSocketAddress address = new InetSocketAddress(controller.substring(0, colon),
        Integer.parseInt(controller.substring(colon + 1)));
    Path dir = work != null ? work : Path.of("/tmp", "netserv-node-" + id);
    Files.createDirectories(dir);
    List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(Path::of).toList();
    ContainerIdentity identity = ContainerIdentity.choose(containerUser, classPath, dir);
    log.info("containers run as {}", identity.name());
    Optional<Attachment> where = attachment();
    if (where.isEmpty()) {
      System.err.println("netserv node: no LLDP probe arrived on " + interfaceName + " in 15 s; give --attachment");
      return 2;
    }
    return runAgent(new NodeAgent.Settings(id, pool, weight, blocks, address, token, where.get(), interfaceName,
        restartDelayMillis), identity, dir);
  }

  /** The switch port the node is plugged into: as given, or learnt from the controller's LLDP probes. */
  private Optional<Attachment> attachment() throws IOException {
    if (attachment != null) {
      return Optional.of(Attachment.parse(attachment));
    }
    log.info("learning where {} is plugged in from the controller's LLDP probes...", interfaceName);
    try (AfPacketSocket lldp = AfPacketSocket.open(interfaceName, Selection.etherType(Attachment.LLDP), 200)) {
      return Attachment.learn(lldp, 15_000);
    }
  }

  /** Runs the agent until it stops; 3 when the controller refused the node. */
  private int runAgent(NodeAgent.Settings settings, ContainerIdentity identity, Path dir) throws Exception {
    // The agent only sends (hello frames); its containers receive.
    try (AfPacketSocket io = AfPacketSocket.open(interfaceName, Selection.nothing(), 200)) {
      log.info("node {} on {} ({}), attached to {}", id, interfaceName,
          java.util.HexFormat.ofDelimiter(":").formatHex(io.macAddress()), settings.attachment());
      NodeAgent agent = new NodeAgent(settings, io, javaCommand(identity), identity, dir);
      Runtime.getRuntime().addShutdownHook(new Thread(agent::shutDown, "node shutdown"));
      try {
        agent.run();
      } catch (NodeAgent.RefusedException e) {
        log.error("the controller refused node {}: {}", id, e.getMessage());
        System.err.println("netserv node: refused: " + e.getMessage());
        agent.shutDown();
        return 3;
      }
    }
    return 0;
  }

  /** How to start a container JVM: as the container user, with the node's container JVM settings. */
  private List<String> javaCommand(ContainerIdentity identity) {
    List<String> command = new ArrayList<>(identity.commandPrefix());
    command.addAll(ContainerJvm.command(containerHeap, containerJvmOptions));
    return command;
  }
}
