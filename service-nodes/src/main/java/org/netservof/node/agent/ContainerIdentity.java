package org.netservof.node.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who containers run as. A root agent starts each container JVM through {@code setpriv} as an unprivileged
 * user (nobody by default) whose only capability, in every thread, is CAP_NET_RAW (to open its packet
 * socket); the container then drops that too in the threads that run modules. When the user cannot read
 * the node's class path (a checkout under a private home, say), containers run as root with a warning,
 * still without capabilities in module threads.
 *
 * @param uid the user's id, empty to run containers as the agent's own user
 */
record ContainerIdentity(Optional<Integer> uid, Optional<Integer> gid, String name) {
  private static final Logger log = LoggerFactory.getLogger(ContainerIdentity.class);

  /** Decides for a user name, given the class path and work directory containers need. */
  static ContainerIdentity choose(String user, List<Path> classPath, Path work) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return new ContainerIdentity(Optional.empty(), Optional.empty(), System.getProperty("user.name"));
    }
    Optional<int[]> ids = lookUp(user);
    if (ids.isEmpty()) {
      log.warn("no user '{}' in /etc/passwd: containers run as root", user);
      return new ContainerIdentity(Optional.empty(), Optional.empty(), "root");
    }
    for (Path p : classPath) {
      Optional<Path> closed = notOpenToOthers(p);
      if (closed.isPresent()) {
        log.warn("containers run as root: {} cannot reach the class path ({} is not open to other users)", user,
            closed.get());
        return new ContainerIdentity(Optional.empty(), Optional.empty(), "root");
      }
    }
    // The agent's work directory holds the module cache and the containers' directories.
    Files.setPosixFilePermissions(work, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
    Optional<Path> closedWork = notOpenToOthers(work.getParent() == null ? work : work.getParent());
    if (closedWork.isPresent()) {
      log.warn("containers run as root: {} cannot reach the work directory {} ({} is not open to other users)", user,
          work, closedWork.get());
      return new ContainerIdentity(Optional.empty(), Optional.empty(), "root");
    }
    return new ContainerIdentity(Optional.of(ids.get()[0]), Optional.of(ids.get()[1]), user);
  }

  /** What goes before {@code java} on the container's command line. */
  List<String> commandPrefix() {
    List<String> out = new ArrayList<>();
    if (uid.isPresent()) {
      out.addAll(List.of("setpriv", "--reuid=" + uid.get(), "--regid=" + gid.get(), "--clear-groups",
          "--inh-caps=-all,+net_raw", "--ambient-caps=-all,+net_raw", "--bounding-set=-all,+net_raw",
          "--no-new-privs"));
    }
    return out;
  }

  /** Hands a container's private directory to the container's user. */
  void own(Path dir) throws IOException {
    if (uid.isPresent()) {
      Files.setAttribute(dir, "unix:uid", uid.get());
      Files.setAttribute(dir, "unix:gid", gid.get());
    }
  }

  private static Optional<int[]> lookUp(String user) throws IOException {
    for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
      String[] f = line.split(":");
      if (f.length > 3 && f[0].equals(user)) {
        return Optional.of(new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])});
      }
    }
    return Optional.empty();
  }

  /** The first directory on the way to {@code path} that others cannot pass (or the file they cannot read). */
  private static Optional<Path> notOpenToOthers(Path path) throws IOException {
    Path p = path.toAbsolutePath();
    if (Files.isRegularFile(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_READ)) {
      return Optional.of(p);
    }
    for (Path dir = Files.isDirectory(p) ? p : p.getParent(); dir != null; dir = dir.getParent()) {
      if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }
}
