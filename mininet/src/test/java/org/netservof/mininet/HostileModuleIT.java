package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.testing.Eventually;
import org.netservof.node.testing.ModuleJars;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * Issue 14, containers: a hostile module (mininet/src/test/resources/modules/Hostile.java) runs next to bob's
 * NetMonitor on a real node. From every thread it reaches it tries raw sockets, it reads and writes what it finds
 * under the agent's work directory, signals and attaches to bob's container, forks, allocates and spins. Every
 * attempt must fail or be held by the container's cgroups, no task of either container may hold a capability,
 * and bob's NetMonitor must go on counting his traffic.
 */
class HostileModuleIT extends ServiceNodeFixture {
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final int BOB_PORT = 7000;
  private static final int MALLORY_PORT = 7001;

  @Test
  void aHostileModuleCannotReachBeyondItsContainerAndTheOtherUsersModuleKeepsCounting() throws Exception {
    expectedProblems = line -> line.contains("lost: its channel closed");
    Path hostile = ModuleJars.build(dir.resolve("hostile"), "org.netservof.it.Hostile", Files.readString(
        Path.of(HostileModuleIT.class.getResource("/modules/Hostile.java").toURI())), "org.netservof.it.Hostile");
    serviceNodes.serve("Hostile", hostile);
    try (MininetNetwork net = serviceNodes.steeringNetwork(controller, 1, "1")) {
      // Half a core per container, so that four spinning threads are throttled however busy the machine is.
      JsonNode started = net.command(WAIT, "agents_start", serviceNodes.agentCommand(net, controller,
          serviceNodes.tokenDir(), Map.of("options", Map.of("container-cpus", 0.5))));
      ServiceNodes.waitHealthy(net, controller, "n1");
      long agentPid = started.get("n1").get("pid").asLong();
      Path work = agentWorkDirectory(agentPid);
      agents.install("n1", serviceNodes.install("bob", "NetMonitor", Map.of())).get(60, TimeUnit.SECONDS);
      steer(net, "bob", BOB_PORT);
      long bobPid = pid(net, "bob");
      agents.install("n1", serviceNodes.install("mallory", "Hostile", Map.of("work", work.toString(), "me", "mallory",
          "victim", "bob", "victim-pid", String.valueOf(bobPid)))).get(60, TimeUnit.SECONDS);
      steer(net, "mallory", MALLORY_PORT);
      long malloryPid = pid(net, "mallory");
      FabricTraffic.udp(net, MALLORY_PORT, 2, 2, 22000);

      Eventually.waitFor("the hostile module's report of all its attempts", WAIT, () -> ServiceNodes.module(
          controller, "n1", "mallory", "Hostile_1.0").map(m -> Boolean.TRUE.equals(m.report().get("done")))
          .orElse(false));
      Map<String, Object> report = ServiceNodes.module(controller, "n1", "mallory", "Hostile_1.0").orElseThrow()
          .report();
      SoftAssertions soft = new SoftAssertions();
      soft.assertThat((List<?>) report.get("escapes")).as("what the hostile module managed; its report: " + report)
          .isEmpty();
      soft.assertThat(report).as("it tried raw sockets from each thread it reaches").containsKeys("raw control thread",
          "raw new thread", "raw finalizer", "raw signal handler", "raw packet thread");
      soft.assertThat(String.valueOf(report.get("interfaces"))).as("its own network namespace: loopback only")
          .doesNotContain("eth").contains("lo");
      soft.assertThat((List<?>) report.get("strangers")).as("its own PID namespace: it sees no other process")
          .isEmpty();
      assertCapabilitiesAndIdentities(soft, bobPid, malloryPid);
      assertConfinedByCgroups(soft, malloryPid, agentPid, report);
      soft.assertAll();

      long before = FabricTraffic.netMonitorPackets(controller, "n1", "bob");
      assertThat(FabricTraffic.udp(net, BOB_PORT, 10, 2, 23000)).as("bob's traffic arrives").isEqualTo(20);
      Eventually.waitFor("bob's NetMonitor to count his 20 packets after the attack", WAIT,
          () -> FabricTraffic.netMonitorPackets(controller, "n1", "bob") == before + 20);
    }
  }

  private void steer(MininetNetwork net, String user, int port) throws Exception {
    steering.register(new ServiceRequest(user + "-svc", Filter.of(Protocol.UDP).withDstPorts(PortRange.single(port)),
        "pool", SteeringMode.REACTIVE, Optional.empty(), Optional.of(user))).get(30, TimeUnit.SECONDS);
  }

  /** Every task of both containers (and of any process they started) holds no capability; each its own uid. */
  private static void assertCapabilitiesAndIdentities(SoftAssertions soft, long bobPid, long malloryPid)
      throws Exception {
    for (long pid : List.of(bobPid, malloryPid)) {
      for (Path status : taskStatuses(pid)) {
        String text = Files.readString(status);
        for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
          soft.assertThat(field(text, set)).as(set + " of " + status).isEqualTo("0000000000000000");
        }
      }
    }
    String bobUid = field(Files.readString(Path.of("/proc/" + bobPid + "/status")), "Uid");
    String malloryUid = field(Files.readString(Path.of("/proc/" + malloryPid + "/status")), "Uid");
    soft.assertThat(malloryUid).as("a uid per user, neither root nor nobody").isNotEqualTo(bobUid)
        .isNotIn("0", "65534");
    soft.assertThat(bobUid).isNotIn("0", "65534");
  }

  /** The hostile container's forks, memory and CPU were held by its cgroups (v1: pids, memory, cpu). */
  private static void assertConfinedByCgroups(SoftAssertions soft, long pid, long agentPid,
      Map<String, Object> report) throws Exception {
    Optional<Path> pids = cgroup(pid, agentPid, "pids");
    Optional<Path> memory = cgroup(pid, agentPid, "memory");
    Optional<Path> cpu = cgroup(pid, agentPid, "cpu");
    soft.assertThat(pids).as("a pids cgroup of its own").isPresent();
    soft.assertThat(memory).as("a memory cgroup of its own").isPresent();
    soft.assertThat(cpu).as("a cpu cgroup of its own").isPresent();
    if (pids.isPresent() && memory.isPresent() && cpu.isPresent()) {
      soft.assertThat(read(pids.get().resolve("pids.events"))).as("forks refused at pids.max " + read(pids.get()
          .resolve("pids.max"))).doesNotContain("max 0");
      Path m = memory.get();
      String oom = read(m.resolve("memory.oom_control"));
      long refused = Long.parseLong(read(m.resolve("memory.failcnt"))) + Long.parseLong(read(m.resolve(
          "memory.memsw.failcnt"))) + Long.parseLong(oom.replaceAll("(?s).*oom_kill (\\d+).*", "$1"));
      soft.assertThat(refused).as("allocations refused at " + read(m.resolve("memory.limit_in_bytes")) + " bytes ("
          + oom + "; the module said " + report.get("native") + ")").isPositive();
      soft.assertThat(Long.parseLong(read(m.resolve("memory.max_usage_in_bytes")))).as("never above the limit")
          .isLessThanOrEqualTo(Long.parseLong(read(m.resolve("memory.limit_in_bytes"))));
      soft.assertThat(read(cpu.get().resolve("cpu.stat"))).as("spinning throttled at a quota of "
          + read(cpu.get().resolve("cpu.cfs_quota_us")) + " us (" + report.get("spin") + ")").doesNotContain("nr_throttled 0");
    }
  }

  /** The process's cgroup directory of a v1 controller, when it is not the node agent's. */
  private static Optional<Path> cgroup(long pid, long agentPid, String controller) throws Exception {
    Optional<String> group = group(pid, controller);
    return group.equals(group(agentPid, controller)) ? Optional.empty()
        : group.map(g -> Path.of("/sys/fs/cgroup", controller, g));
  }

  private static Optional<String> group(long pid, String controller) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
      String[] f = line.split(":", 3);
      if (List.of(f[1].split(",")).contains(controller)) {
        return Optional.of(f[2]);
      }
    }
    return Optional.empty();
  }

  /** /proc/PID/task/TID/status of the process and of every process below it. */
  private static List<Path> taskStatuses(long pid) throws Exception {
    List<Path> out = new ArrayList<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        out.add(task.resolve("status"));
        for (String child : read(task.resolve("children")).split("\\s+")) {
          if (!child.isBlank()) {
            out.addAll(taskStatuses(Long.parseLong(child)));
          }
        }
      }
    }
    return out;
  }

  private static String field(String status, String name) {
    return status.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).trim()
        .split("\\s+")[0]).findFirst().orElse("missing");
  }

  private static String read(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  /** The container's JVM, as the node says in its container's pid file. */
  private static long pid(MininetNetwork net, String user) throws Exception {
    return net.command(WAIT, "container_status", Map.of("node", "n1", "user", user)).get("pid").asLong();
  }

  /** The node agent's --work directory, from its command line. */
  private static Path agentWorkDirectory(long agentPid) throws Exception {
    List<String> args = List.of(new String(Files.readAllBytes(Path.of("/proc/" + agentPid + "/cmdline")),
        StandardCharsets.UTF_8).split("\0"));
    return Path.of(args.get(args.indexOf("--work") + 1));
  }

}
