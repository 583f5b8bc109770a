package org.netservof.node.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether this agent may start containers the way it was asked to. A root agent always confines them
 * ({@link ContainerSandbox}); their own uids must then be able to reach the node's class path and work
 * directory. An agent that is not root cannot confine anything: it refuses to run unless told
 * {@code --unconfined-containers}, which runs modules with the agent's own rights (for an experimenter's own
 * modules on their own machine).
 */
final class ContainerPolicy {
  private ContainerPolicy() {}

  /** Why the agent must not start, if it must not. */
  static Optional<String> refusal(boolean unconfined, Path work) throws IOException {
    List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).toList();
    return refusal("root".equals(System.getProperty("user.name")), unconfined, work, classPath);
  }

  static Optional<String> refusal(boolean root, boolean unconfined, Path work, List<Path> classPath)
      throws IOException {
    if (root && unconfined) {
      return Optional.of("--unconfined-containers is for agents that are not root; a root agent always confines "
          + "its containers");
    }
    if (!root && !unconfined) {
      return Optional.of("this agent is not root, so it cannot give containers their own uids, namespaces and "
          + "limits; run it as root, or pass --unconfined-containers to run modules with this user's own rights "
          + "(only for modules you trust)");
    }
    if (!root) {
      return Optional.empty();
    }
    for (Path p : classPath) {
      Optional<Path> closed = closedToOthers(p);
      if (closed.isPresent()) {
        return Optional.of("containers run as users of their own and cannot read the node's class path: "
            + closed.get() + " is not open to other users");
      }
    }
    Path parent = work.toAbsolutePath().getParent();
    Optional<Path> closed = parent == null ? Optional.empty() : closedToOthers(parent);
    return closed.map(dir -> "containers run as users of their own and cannot reach the work directory " + work
        + ": " + dir + " is not open to other users (chmod o+x it, or choose another --work)");
  }

  /** The first directory on the way to {@code path} that others cannot pass (or the file they cannot read). */
  static Optional<Path> closedToOthers(Path path) throws IOException {
    Path p = path.toAbsolutePath();
    if (!Files.exists(p)) {
      return Optional.empty();
    }
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
