package org.netservof.node.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container limits through cgroup v1, which is what these machines mount (cpu, memory and pids controllers
 * under /sys/fs/cgroup; the v2 hierarchy is empty). Each container gets a group of its own in each controller,
 * named after the agent's process and a launch number so that a restarted container never meets its
 * predecessor's group, below the agent's own group ({@link CgroupMounts}), and the group is removed when the
 * container has stopped. A controller that is not there and cannot be mounted is logged and skipped.
 */
final class CgroupsV1 {
  private static final Logger log = LoggerFactory.getLogger(CgroupsV1.class);
  static final List<String> CONTROLLERS = List.of("cpu", "memory", "pids");
  private static final long PERIOD_US = 100_000;

  private final Path root;
  private final ContainerLimits limits;
  /** Controller -> the directory containers' groups go into (below the agent's own group). */
  private final Map<String, Path> parents = new LinkedHashMap<>();

  /** @param root where the v1 controllers are mounted, /sys/fs/cgroup */
  CgroupsV1(Path root, ContainerLimits limits) {
    this.root = root;
    this.limits = limits;
  }

  /** Finds (or mounts) each controller and the agent's own group in it; once, before the first container. */
  void prepare() throws IOException {
    Map<String, String> own = CgroupMounts.ownGroups(Files.readAllLines(Path.of("/proc/self/cgroup")));
    for (String controller : CONTROLLERS) {
      if (CgroupMounts.ensureMounted(root, controller)) {
        Path parent = root.resolve(controller).resolve(own.getOrDefault(controller, "/").substring(1));
        parents.put(controller, parent);
        removeLeftovers(parent);
      }
    }
  }

  /** Removes the empty groups of agents that died without removing them (killed, say). */
  private static void removeLeftovers(Path parent) throws IOException {
    try (var groups = Files.list(parent)) {
      for (Path group : groups.filter(g -> g.getFileName().toString().matches("netserv-\\d+-.*")).toList()) {
        long pid = Long.parseLong(group.getFileName().toString().split("-")[1]);
        if (ProcessHandle.of(pid).isEmpty()) {
          try {
            Files.delete(group);
          } catch (IOException e) {
            log.debug("leftover cgroup {} still has tasks", group);
          }
        }
      }
    }
  }

  /** The limit files each controller gets, in the order they must be written. */
  static Map<String, Map<String, String>> settings(ContainerLimits limits) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> cpu = new LinkedHashMap<>();
    cpu.put("cpu.cfs_period_us", String.valueOf(PERIOD_US));
    cpu.put("cpu.cfs_quota_us", String.valueOf(Math.round(limits.cpus() * PERIOD_US)));
    out.put("cpu", cpu);
    Map<String, String> memory = new LinkedHashMap<>();
    memory.put("memory.limit_in_bytes", String.valueOf(limits.memoryBytes()));
    memory.put("memory.memsw.limit_in_bytes", String.valueOf(limits.memoryBytes())); // no swap beyond it
    out.put("memory", memory);
    out.put("pids", Map.of("pids.max", String.valueOf(limits.pids())));
    return out;
  }

  /** Makes the container's groups with their limits; answers their cgroup.procs files, for the launcher. */
  List<Path> create(String name) throws IOException {
    List<Path> procs = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> controller : settings(limits).entrySet()) {
      Path parent = parents.get(controller.getKey());
      if (parent == null) {
        continue;
      }
      Path group = parent.resolve(name);
      Files.createDirectories(group);
      for (Map.Entry<String, String> setting : controller.getValue().entrySet()) {
        Path file = group.resolve(setting.getKey());
        if (Files.exists(file)) { // memsw exists only with swap accounting
          Files.writeString(file, setting.getValue());
        }
      }
      procs.add(group.resolve("cgroup.procs"));
    }
    return procs;
  }

  /** Removes the container's groups (its processes are gone: a PID namespace ends with its first process). */
  void remove(String name) {
    for (Path parent : parents.values()) {
      Path group = parent.resolve(name);
      for (int attempt = 0; attempt < 50 && Files.isDirectory(group); attempt++) {
        try {
          Files.delete(group);
        } catch (IOException e) {
          sleep(); // the last tasks are still exiting
        }
      }
      if (Files.isDirectory(group)) {
        log.warn("could not remove cgroup {}: tasks are still in it", group);
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
