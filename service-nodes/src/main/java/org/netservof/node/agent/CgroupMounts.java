package org.netservof.node.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each cgroup v1 controller's hierarchy is, and where in it this agent sits. An agent in a mount
 * namespace of its own that shows a fresh /sys (a Mininet host: mnexec mounts a new sysfs over /sys, hiding
 * /sys/fs/cgroup) mounts the controllers it needs there again, in that namespace only: a v1 controller's
 * hierarchy is the same wherever it is mounted. Containers' groups go below the agent's own group in each
 * hierarchy, so whatever limits the agent's service has also holds its containers.
 */
final class CgroupMounts {
  private static final Logger log = LoggerFactory.getLogger(CgroupMounts.class);

  private CgroupMounts() {}

  /** This process's group in each v1 controller, from /proc/self/cgroup ("/" for a hierarchy's root). */
  static Map<String, String> ownGroups(List<String> procSelfCgroup) {
    Map<String, String> out = new HashMap<>();
    for (String line : procSelfCgroup) {
      String[] f = line.split(":", 3);
      if (f.length == 3) {
        for (String controller : f[1].split(",")) {
          out.put(controller, f[2]);
        }
      }
    }
    return out;
  }

  /**
   * Makes sure the controller's hierarchy is mounted at {@code root/controller}; false (with a warning) when it
   * is not and cannot be.
   */
  static boolean ensureMounted(Path root, String controller) {
    Path mount = root.resolve(controller);
    if (Files.exists(mount.resolve("cgroup.procs"))) {
      return true;
    }
    try {
      try {
        Files.createDirectories(mount);
      } catch (IOException e) {
        // sysfs's own, empty /sys/fs/cgroup, where nothing can be made: a tmpfs to hold the mount points
        run("mount", "-t", "tmpfs", "-o", "mode=755", "netserv-cgroup", root.toString());
        Files.createDirectories(mount);
      }
      run("mount", "-t", "cgroup", "-o", controller, "netserv-" + controller, mount.toString());
      log.info("mounted the cgroup v1 {} controller at {} (this mount namespace did not show it)", controller, mount);
      return true;
    } catch (IOException e) {
      log.warn("no cgroup v1 {} controller at {} and it cannot be mounted ({}): containers run without its limit",
          controller, mount, e.getMessage());
      return false;
    }
  }

  private static void run(String... command) throws IOException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed: "
            + new String(p.getInputStream().readNBytes(300)).trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
