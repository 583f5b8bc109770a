package org.netservof.node.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.netservof.node.io.FdPassing;
import org.netservof.node.io.PacketRing;
import org.netservof.node.io.Selection;
import org.netservof.protocol.node.ContainerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a user's container with only what it is given: a fresh private directory, its own uid, its own
 * cgroups and namespaces ({@link ContainerSandbox}), and the packet socket the agent opened for it, its filter
 * on the user's mark locked, as a descriptor. Removes the cgroups again once the container has stopped.
 */
final class ContainerLauncher {
  private static final Logger log = LoggerFactory.getLogger(ContainerLauncher.class);

  /**
   * @param javaCommand how to start a JVM with the node's classes (java, options, -cp, class path)
   * @param confined false only for an agent that is not root and was told to run containers unconfined
   * @param work the agent's work directory (see {@link ContainerDirs})
   * @param archives where the containers' class archive is kept (see {@link ContainerArchive})
   */
  record Settings(List<String> javaCommand, String interfaceName, byte[] mac, boolean confined, Path work,
      Path archives) {}

  private final Settings settings;
  private final ContainerDirs dirs;
  private final ContainerUids uids;
  private final CgroupsV1 cgroups;
  private final ContainerArchive archive;
  private final ServerSockets servers;
  /** Names each launch's cgroups apart from any other agent's and from the user's earlier launches. */
  private final String groupPrefix = "netserv-" + ProcessHandle.current().pid() + "-";
  private final AtomicLong launches = new AtomicLong();

  ContainerLauncher(Settings settings, ContainerUids uids, CgroupsV1 cgroups, ServerSockets servers) {
    this.servers = servers;
    this.dirs = new ContainerDirs(settings.work());
    this.settings = settings;
    this.uids = uids;
    this.cgroups = cgroups;
    this.archive = new ContainerArchive(settings.archives(), settings.javaCommand());
  }

  /**
   * Closes the work directory and the module cache to other users, finds the cgroups, and starts building the
   * containers' class archive unless it is there; once, before a launch.
   *
   * @return completes when the class archive is ready (true) or will not be (false)
   */
  CompletableFuture<Boolean> prepare() throws IOException {
    dirs.prepare();
    if (settings.confined()) {
      cgroups.prepare();
    }
    return archive.build();
  }

  /** Starts the user's container, seeing frames with the user's mark only. */
  ContainerProcess launch(String user, int vlan, Consumer<ContainerMessage> onEvent) throws IOException {
    int uid = settings.confined() ? uids.uidOf(user) : -1;
    dirs.fresh(user, uid, settings.confined());
    String group = groupPrefix + user + "-" + launches.incrementAndGet();
    ContainerSandbox sandbox = settings.confined() ? ContainerSandbox.confined(uid, cgroups.create(group))
        : ContainerSandbox.unconfined();
    if (!sandbox.isConfined()) {
      log.warn("UNCONFINED: the container of {} runs as the agent's own user, with its rights, in the agent's "
          + "namespaces and without limits (--unconfined-containers)", user);
    }
    ContainerProcess p;
    int socket = PacketRing.openDescriptor(settings.interfaceName(), Selection.vlan(vlan));
    int[] listen = FdPassing.socketPair();
    try {
      p = ContainerProcess.start(command(sandbox, user, vlan), socket, listen[1], user, onEvent);
      servers.serve(user, listen[0]);
    } catch (IOException e) {
      cgroups.remove(group);
      FdPassing.close(listen[0]);
      throw e;
    } finally {
      FdPassing.close(socket);
      FdPassing.close(listen[1]);
    }
    p.onExit().thenRun(() -> cgroups.remove(group));
    long pid = sandbox.isConfined() ? p.containerPid() : p.pid();
    dirs.writePid(user, pid);
    log.info("container of {} runs as uid {} in cgroup {} (JVM pid {})", user,
        sandbox.isConfined() ? uid : "of the agent", group, pid);
    return p;
  }

  /** A copy of a verified JAR the user's container may read and nobody else may; the copy's path. */
  Path moduleCopy(String user, Path jar, String sha256) throws IOException {
    int uid = settings.confined() ? uids.uidOf(user) : -1;
    return dirs.copyModule(user, uid, settings.confined(), sha256.toLowerCase(), Files.readAllBytes(jar));
  }

  /** Removes a stopped container's directory. */
  void forget(String user) {
    try {
      dirs.remove(user);
    } catch (IOException e) {
      log.warn("could not remove the directory of {}'s container: {}", user, e.getMessage());
    }
  }

  /** The full command line of a container: the sandbox, the JVM, and the container's own options. */
  List<String> command(ContainerSandbox sandbox, String user, int vlan) {
    Path home = dirs.home(user);
    List<String> command = new ArrayList<>(sandbox.commandPrefix());
    command.addAll(settings.javaCommand());
    command.addAll(archive.options());
    // Temporary files (JNA's native library among them) in the container's own directory, which its user owns.
    command.addAll(List.of("-Djava.io.tmpdir=" + home, "-Djna.tmpdir=" + home.resolve("jna")));
    command.addAll(List.of("org.netservof.node.container.ContainerMain", "--interface", settings.interfaceName(),
        "--vlan", String.valueOf(vlan), "--user", user, "--work", home.toString(), "--packet-socket-on-stdin",
        "--mac", HexFormat.ofDelimiter(":").formatHex(settings.mac())));
    return command;
  }
}
