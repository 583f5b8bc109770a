package org.netservof.node.agent;

import java.util.Locale;

/**
 * What one container may use, enforced by the node's cgroups: CPU time (in cores: a quota per period), memory
 * (resident and page cache, the JVM and whatever it starts) and tasks (threads and processes together).
 *
 * @param cpus cores' worth of CPU time, e.g. 1.0
 * @param memoryBytes the memory limit
 * @param pids at most this many tasks
 */
public record ContainerLimits(double cpus, long memoryBytes, int pids) {
  /** One core, 256 MiB (a container JVM with a 32 MB heap stays near 70 MB), 128 tasks (it starts about 20). */
  public static final ContainerLimits DEFAULT = new ContainerLimits(1.0, 256L << 20, 128);

  public ContainerLimits {
    if (!(cpus >= 0.01 && cpus <= 1024)) {
      throw new IllegalArgumentException("container CPUs must be between 0.01 and 1024 cores, was " + cpus);
    }
    if (memoryBytes < (64L << 20)) {
      throw new IllegalArgumentException("container memory must be at least 64m (a JVM needs that), was "
          + memoryBytes + " bytes");
    }
    if (pids < 32) {
      throw new IllegalArgumentException("container tasks must be at least 32 (a JVM starts about 20), was " + pids);
    }
  }

  /** A size such as {@code 256m}, {@code 1g}, {@code 65536k} or a number of bytes. */
  public static long parseSize(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      default -> 1;
    };
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    try {
      return Math.multiplyExact(Long.parseLong(digits), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a size (like 256m or 1g): '" + text + "'", e);
    }
  }
}
