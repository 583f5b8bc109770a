package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.testing.Eventually;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;

/**
 * A warm service (issue 17): a user whose container runs one module gets a second one loaded into that same
 * JVM, which then handles its packets, while the first goes on counting; the container started from the class
 * data sharing archive the agent built, and stays well under 64 MB resident with both modules at work.
 */
class WarmServiceIT extends ServiceNodeFixture {
  private static final Duration WAIT = ServiceNodes.WAIT;
  /** The container's memory goal (64 MB) less a margin for heavier traffic than this test's. */
  private static final double RESIDENT_LIMIT_MB = 60;

  @Test
  void aUsersSecondModuleIsLoadedIntoItsRunningContainerWhichStartedFromTheClassArchiveAndStaysSmall()
      throws Exception {
    expectedProblems = line -> line.contains("lost: its channel closed");
    // Where the containers (each its user's own uid) can open it, as under the default /var/lib/netserv/cds.
    Path open = Files.createTempDirectory("netserv-cds-", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx--x--x")));
    Path archives = open.resolve("cds");
    try (MininetNetwork net = serviceNodes.steeringNetwork(controller, 1, "1")) {
      net.command(WAIT, "agents_start", serviceNodes.agentCommand(net, controller, serviceNodes.tokenDir(),
          Map.of("options", Map.of("class-archive-dir", archives.toString()))));
      ServiceNodes.waitHealthy(net, controller, "n1");
      Eventually.waitFor("the agent's class archive for containers", WAIT, () -> archive(archives).isPresent());

      deploy(serviceNodes.install("alice", "NetMonitor", Map.of()), 5070);
      long pid = containerPid(net);
      Path archive = archive(archives).orElseThrow();
      assertThat(commandLine(pid)).as("alice's container JVM starts from the agent's class archive")
          .contains("-XX:SharedArchiveFile=" + archive);
      assertThat(Files.readString(Path.of("/proc/" + pid + "/maps"))).as("and maps it (the JVM took it)")
          .contains(archive.toString());

      deploy(serviceNodes.install("alice", "KeepAliveResponder", Map.of()), 5060);
      assertThat(containerPid(net)).as("KeepAlive Responder went into alice's running container, not a new JVM")
          .isEqualTo(pid);
      JsonNode keepAlives = net.command(WAIT, "sip_keepalives", Map.of("src", "h2", "dst", "h1", "count", 20,
          "gap", 0.05));
      assertThat(keepAlives.get("answered").asInt()).as("keep-alives answered by the second module: " + keepAlives)
          .isEqualTo(20);
      assertThat(FabricTraffic.udp(net, 5070, 10, 2, 30000)).as("packets through NetMonitor's service").isEqualTo(20);
      // NetMonitor, first in alice's container, sees her keep-alives too before KeepAlive Responder answers them.
      Eventually.waitFor("NetMonitor, the first module, counting the 20 keep-alives and its own 20 packets", WAIT,
          () -> FabricTraffic.netMonitorPackets(controller, "n1", "alice") == 40);
      assertThat(containerPid(net)).as("still the one container").isEqualTo(pid);
      assertThat(residentMb(pid)).as("alice's container with both modules at work, resident MB (VmRSS)")
          .isLessThan(RESIDENT_LIMIT_MB);
    } finally {
      try (Stream<Path> files = Files.walk(open)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private void deploy(ModuleInstall module, int port) throws Exception {
    ServiceRequest service = new ServiceRequest("warm-" + port, Filter.of(Protocol.UDP).withDstPorts(
        PortRange.single(port)), "pool", SteeringMode.REACTIVE, Optional.empty(), Optional.of("alice"));
    controller.service(DeploymentService.class).deploy(new DeploymentRequest(Deployment.Origin.API, service,
        Optional.of(module), Optional.empty(), List.of())).done().get(60, TimeUnit.SECONDS);
  }

  private static Optional<Path> archive(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches("container-[0-9a-f]+\\.jsa")).findFirst();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static long containerPid(MininetNetwork net) throws Exception {
    return net.command(WAIT, "container_status", Map.of("node", "n1", "user", "alice")).get("pid").asLong();
  }

  private static String commandLine(long pid) throws Exception {
    return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
        .replace('\0', ' ');
  }

  private static double residentMb(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow() / 1024.0;
  }
}
