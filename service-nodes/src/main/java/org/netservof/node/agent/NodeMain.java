package org.netservof.node.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netservof.node.io.AfPacketSocket;
import org.netservof.node.io.Selection;
import org.netservof.protocol.url.GuardedHttp;
import org.netservof.protocol.url.UrlPolicy;
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

  @Option(names = "--controller", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "The controller's node channel (its node-listen address); for a cluster, every member's, "
          + "comma-separated: the node registers with one and moves to the next when it goes.")
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

  @Option(names = "--container-cpus", description = "CPU time of each container, in cores (cgroup v1 cpu quota; "
      + "default ${DEFAULT-VALUE}).")
  double containerCpus = ContainerLimits.DEFAULT.cpus();

  @Option(names = "--container-memory", description = "Memory of each container and all it starts (cgroup v1 "
      + "memory; default ${DEFAULT-VALUE}).")
  String containerMemory = "256m";

  @Option(names = "--container-pids", description = "Threads and processes of each container (cgroup v1 pids; "
      + "default ${DEFAULT-VALUE}).")
  int containerPids = ContainerLimits.DEFAULT.pids();

  @Option(names = "--container-uids-file", paramLabel = "FILE", description = "Where the uid of each user's "
      + "containers is remembered, shared by the machine's agents (default ${DEFAULT-VALUE}).")
  Path uidsFile = Path.of("/var/lib/netserv/container-uids");

  @Option(names = "--class-archive-dir", paramLabel = "DIR", description = "Where the class data sharing archive "
      + "containers start from is built and kept, shared by the machine's agents (default ${DEFAULT-VALUE}).")
  Path archives = Path.of("/var/lib/netserv/cds");

  @Option(names = "--unconfined-containers", description = "Only for an agent that is not root (an experiment on a "
      + "workstation): run containers as the agent's own user, with its rights, no namespaces and no limits.")
  boolean unconfined;

  @Option(names = "--service-address", paramLabel = "A.B.C.D/LEN", description = "The node's service address, put "
      + "on --interface: server modules listen on it (their users' listen-ports), and the fabric routes to it as "
      + "to any host. Without it, modules cannot listen.")
  String serviceAddress;

  @Option(names = "--container-restart-delay", paramLabel = "MILLIS", description = "Wait before restarting a "
      + "crashed container, doubled on each restart up to 5 s (default ${DEFAULT-VALUE}).")
  long restartDelayMillis = 200;

  @Option(names = "--container-jvm-options", description = "More options for container JVMs, space separated.")
  String containerJvmOptions = "";

  @Option(names = "--module-repositories", split = ",", paramLabel = "URL", description = "URL prefixes module "
      + "JARs may be fetched from, whatever their address (list a lab's own server here); without, only URLs "
      + "whose host is a public address. Set it as the controller's module-repositories.")
  List<String> moduleRepositories = new ArrayList<>();

  @Option(names = "--fetch-max-bytes", description = "Largest module JAR fetched (default ${DEFAULT-VALUE}).")
  long fetchMaxBytes = 64L << 20;

  @Option(names = "--fetch-deadline", paramLabel = "SECONDS", description = "Longest a module fetch may take, "
      + "connect to last byte (default ${DEFAULT-VALUE}).")
  long fetchDeadlineSeconds = 60;

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    GuardedHttp modules;
    Optional<ServiceAddress> service;
    List<InetSocketAddress> controllers;
    try {
      modules = moduleClient();
      service = serviceAddress == null ? Optional.empty() : Optional.of(ServiceAddress.parse(serviceAddress));
      controllers = ControllerRotation.parse(controller);
    } catch (IllegalArgumentException e) {
      System.err.println("netserv node: " + e.getMessage());
      return 2;
    }
    String token = Files.readString(tokenFile).trim();
    if (token.isEmpty()) {
      System.err.println("netserv node: " + tokenFile + " is empty");
      return 2;
    }
    Path dir = work != null ? work : Path.of("/tmp", "netserv-node-" + id);
    Optional<String> refusal = ContainerPolicy.refusal(unconfined, dir);
    if (refusal.isPresent()) {
      System.err.println("netserv node: " + refusal.get());
      return 2;
    }
    Optional<ServiceFirewall> firewall;
    try {
      firewall = serviceAddressGuarded(service);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("netserv node: " + e.getMessage());
      return 2;
    }
    Optional<Attachment> where = attachment();
    if (where.isEmpty()) {
      System.err.println("netserv node: no LLDP probe arrived on " + interfaceName + " in 15 s; give --attachment");
      return 2;
    }
    return runAgent(new NodeAgent.Settings(id, pool, weight, blocks, controllers, token, where.get(), interfaceName,
        restartDelayMillis), dir, modules, new ServerSockets(service.map(ServiceAddress::address),
        interfaceName, firewall));
  }

  /**
   * Puts the service address on the interface, its rules first (no moment when the node's daemons answer on
   * it); empty when the node has none.
   */
  private Optional<ServiceFirewall> serviceAddressGuarded(Optional<ServiceAddress> service) throws IOException {
    if (service.isEmpty()) {
      return Optional.empty();
    }
    ServiceFirewall firewall = new ServiceFirewall(service.get().address(), interfaceName);
    firewall.install();
    service.get().configure(interfaceName);
    return Optional.of(firewall);
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
  private int runAgent(NodeAgent.Settings settings, Path dir, GuardedHttp modules, ServerSockets servers)
      throws Exception {
    // The agent only sends (hello frames); its containers receive.
    try (AfPacketSocket io = AfPacketSocket.open(interfaceName, Selection.nothing(), 200)) {
      log.info("node {} on {} ({}), attached to {}", id, interfaceName,
          java.util.HexFormat.ofDelimiter(":").formatHex(io.macAddress()), settings.attachment());
      NodeAgent agent = new NodeAgent(settings, io, launcher(io.macAddress(), dir, servers), servers, dir, modules);
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

  /** Starts containers confined (a root agent) or, when told to, unconfined (one that is not). */
  private ContainerLauncher launcher(byte[] mac, Path dir, ServerSockets servers) throws IOException {
    ContainerLimits limits = new ContainerLimits(containerCpus, ContainerLimits.parseSize(containerMemory),
        containerPids);
    log.info("containers run {}", unconfined ? "UNCONFINED as the agent's own user" : "each as its user's own uid, "
        + "in their own namespaces, with at most " + limits.cpus() + " CPUs, " + containerMemory + " of memory and "
        + limits.pids() + " tasks");
    ContainerLauncher launcher = new ContainerLauncher(new ContainerLauncher.Settings(
        ContainerJvm.command(containerHeap, containerJvmOptions), interfaceName, mac, !unconfined, dir, archives),
        new ContainerUids(uidsFile, Path.of("/etc/passwd")), new CgroupsV1(Path.of("/sys/fs/cgroup"), limits),
        servers);
    launcher.prepare();
    return launcher;
  }

  /** The client module JARs are fetched with: this node's own allow-list and limits. */
  private GuardedHttp moduleClient() {
    return new GuardedHttp(new UrlPolicy("--module-repositories", moduleRepositories), new GuardedHttp.Limits(
        Duration.ofSeconds(Math.min(10, fetchDeadlineSeconds)), Duration.ofSeconds(fetchDeadlineSeconds),
        fetchMaxBytes));
  }
}
