package org.netservof.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * CPU time that processes outside the benchmark spent while it ran. The benchmark is this JVM and its
 * descendants (controllers, emulators, Mininet), the Open vSwitch daemons it drives, and whatever runs in a
 * network namespace other than this JVM's, with its descendants (Mininet hosts, and the node agents and
 * containers in them, which detach from their parents); anything else that used CPU competed with it, and
 * its ratios mean little.
 *
 * <p>Counted from {@code /proc/PID/stat}: user and system time plus the time of reaped children, so a foreign
 * shell running short commands shows. Not for PID 1: it reaps every orphan, the benchmark's detached ones
 * too. Kernel threads are left out: packet forwarding between the benchmark's veths runs in softirq context
 * and would look foreign. A foreign process that both starts and ends between two snapshots without a
 * foreign parent to reap it goes unseen, and so does a foreign Mininet; a foreign build or test run does not.
 */
final class ForeignLoad {
  /** The Open vSwitch daemons the benchmarks use; they work for the benchmark. */
  private static final Set<String> BENCHMARK_DAEMONS = Set.of("ovs-vswitchd", "ovsdb-server");
  private static final Path PROC = Path.of("/proc");
  private static final long KTHREADD = 2;

  /** One process as read from {@code /proc/PID/stat}. */
  record Proc(long pid, long ppid, String comm, long startTicks, long cpuTicks, String netns) {}

  /** CPU ticks of every foreign process, keyed by pid and start time (pids are reused). */
  record Snapshot(Map<String, Long> foreignTicks, long takenNanos) {}

  private final long self;
  private final double ticksPerSecond;

  ForeignLoad(long self, double ticksPerSecond) {
    this.self = self;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** For this JVM, at the usual USER_HZ of 100 (Linux's fixed clock-tick unit for /proc). */
  static ForeignLoad ofThisProcess() {
    return new ForeignLoad(ProcessHandle.current().pid(), 100.0);
  }

  Snapshot snapshot() {
    Map<Long, Proc> procs = readAll();
    Set<Long> ours = benchmarkProcesses(procs);
    Map<String, Long> foreign = new HashMap<>();
    for (Proc p : procs.values()) {
      if (!ours.contains(p.pid()) && !isKernelThread(p)) {
        foreign.put(p.pid() + "@" + p.startTicks(), p.cpuTicks());
      }
    }
    return new Snapshot(foreign, System.nanoTime());
  }

  /**
   * Average cores foreign processes kept busy between the two snapshots. A process seen only in {@code end}
   * started during the run: all of its time counts.
   */
  double coresBetween(Snapshot start, Snapshot end) {
    long ticks = 0;
    for (Map.Entry<String, Long> e : end.foreignTicks().entrySet()) {
      ticks += Math.max(0, e.getValue() - start.foreignTicks().getOrDefault(e.getKey(), 0L));
    }
    double seconds = (end.takenNanos() - start.takenNanos()) / 1e9;
    return seconds <= 0 ? 0 : ticks / ticksPerSecond / seconds;
  }

  /** This JVM, its descendants and the daemons it drives. */
  private Set<Long> benchmarkProcesses(Map<Long, Proc> procs) {
    Map<Long, Set<Long>> children = new HashMap<>();
    procs.values().forEach(p -> children.computeIfAbsent(p.ppid(), k -> new HashSet<>()).add(p.pid()));
    Set<Long> ours = new HashSet<>();
    java.util.ArrayDeque<Long> todo = new java.util.ArrayDeque<>();
    todo.add(self);
    String ownNetns = procs.containsKey(self) ? procs.get(self).netns() : "";
    procs.values().stream().filter(p -> BENCHMARK_DAEMONS.contains(p.comm())
        || !p.netns().isEmpty() && !p.netns().equals(ownNetns)).forEach(p -> todo.add(p.pid()));
    while (!todo.isEmpty()) {
      long pid = todo.poll();
      if (ours.add(pid)) {
        todo.addAll(children.getOrDefault(pid, Set.of()));
      }
    }
    return ours;
  }

  private static boolean isKernelThread(Proc p) {
    return p.pid() == KTHREADD || p.ppid() == KTHREADD;
  }

  private static Map<Long, Proc> readAll() {
    Map<Long, Proc> out = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path dir : dirs) {
        try {
          Proc p = parse(Files.readString(dir.resolve("stat")));
          out.put(p.pid(), withNetns(p, dir));
        } catch (IOException | RuntimeException e) {
          // The process ended while we read: nothing to count.
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return out;
  }

  private static Proc withNetns(Proc p, Path dir) {
    try {
      String ns = Files.readSymbolicLink(dir.resolve("ns").resolve("net")).toString();
      return new Proc(p.pid(), p.ppid(), p.comm(), p.startTicks(), p.cpuTicks(), ns);
    } catch (IOException | UnsupportedOperationException e) {
      return p; // gone, or not ours to read: its namespace stays unknown
    }
  }

  /**
   * One {@code /proc/PID/stat} line. The command name is in parentheses and may itself hold spaces and
   * parentheses, so the fields after it are found from the last ')'.
   */
  static Proc parse(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    long pid = Long.parseLong(stat.substring(0, open).trim());
    String comm = stat.substring(open + 1, close);
    String[] f = stat.substring(close + 2).trim().split(" ");
    // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17, starttime 22.
    long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (pid != 1) { // init's children are every orphan on the machine
      cpu += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return new Proc(pid, Long.parseLong(f[1]), comm, Long.parseLong(f[19]), cpu, "");
  }
}
