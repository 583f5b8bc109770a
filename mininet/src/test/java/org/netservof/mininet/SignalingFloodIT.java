package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netservof.mininet.SignalClient.setup;
import static org.netservof.mininet.SignalClient.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.SignalingService;
import org.netservof.bridge.api.SignalingStats;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;

/**
 * A host sprays the fabric with signaling nobody signed (a configured user's name with a garbage signature,
 * unknown users, no signature; a fresh nonce and a random source MAC each, half of them to random destination
 * MACs) while a valid user signals a SETUP: her SETUP is answered and her module installed, nothing of the
 * spray is relayed, remembered or flooded, and the controller's heap stays bounded. Figures on stdout.
 */
class SignalingFloodIT {
  private static final int SPRAY = 3000;
  /** What the controller may keep of a spray of {@link #SPRAY} (host entries for the random MACs, logs): far less. */
  private static final long HEAP_GROWTH_LIMIT = 64L << 20;

  @TempDir
  Path dir;

  @Test
  void anUnsignedSprayIsRefusedUnrelayedAndUnrememberedWhileAValidSetupGoesThrough() throws Exception {
    try (LogCapture log = new LogCapture(); NetServDomain domain = NetServDomain.start(dir);
        MininetNetwork net = domain.network("1")) {
      ModuleInstall netMonitor = domain.serviceNodes().install("alice", "NetMonitor", Map.of());
      SignalingService signaling = domain.controller().service(SignalingService.class);
      JsonNode before = signal(net, "probe", domain.aliceKey(), "--module", netMonitor.module(), "--probe", "status");
      assertThat(before.get("exit").asInt()).as("alice's PROBE before the spray: %s", before).isZero();
      long heapBefore = usedHeapAfterGc();

      // The spray comes from h2's port and alice signals from h1's: a flooding host spends its own port's PacketIn
      // budget (which a spray this fast exceeds), not the ports of the users around it.
      net.command(ServiceNodes.WAIT, "signal_spray_start", Map.of("src", "h2", "dst", "h1", "count", SPRAY,
          "gap", 0.0005));
      Thread.sleep(500); // the spray under way
      JsonNode setup = signal(net, "setup", domain.aliceKey(), setup(netMonitor, 600));
      JsonNode spray = net.command(Duration.ofSeconds(90), "signal_spray_wait", Map.of());
      Eventually.waitFor("the controller through with the spray", ServiceNodes.WAIT,
          () -> settled(signaling.stats()));
      SignalingStats stats = signaling.stats();
      long heapAfter = usedHeapAfterGc();
      System.out.printf("signaling flood: %d sprayed in %s s; the controller received %d requests: %d refused "
          + "unauthenticated, %d malformed, %d busy, %d replayed, %d nonce-limited, %d pending-full; relayed %d, "
          + "next hop unknown %d; %d answers undeliverable; pending %d of %d, nonces %d of %d; "
          + "heap used %d MB before, %d MB after%n", spray.get("sent").asInt(), spray.get("seconds").asText(),
          stats.received(), stats.unauthenticated(), stats.malformed(), stats.busy(), stats.replayed(),
          stats.nonceLimited(), stats.pendingFull(), stats.relayed(), stats.nextHopUnknown(), stats.undeliverable(),
          stats.pending(), stats.maxPending(), stats.nonces(), stats.maxNonces(), heapBefore >> 20, heapAfter >> 20);

      assertThat(setup.get("exit").asInt()).as("alice's SETUP, answered during the spray: %s", setup).isZero();
      assertThat(setup.get("stdout").asText()).contains("stack:d1 200 installed on n1");
      assertThat(domain.controller().service(SteeringService.class).services()).singleElement()
          .satisfies(s -> assertThat(s.request().user()).contains("alice"));
      assertThat(spray.get("sent").asInt()).isEqualTo(SPRAY);
      assertThat(stats.unauthenticated() + stats.malformed() + stats.busy()).as("the spray refused")
          .isPositive().isEqualTo(stats.received() - 2);
      assertThat(stats.relayed() + stats.nextHopUnknown()).as("only alice's PROBE and SETUP went on").isEqualTo(2);
      assertThat(stats.nonces()).as("only alice's nonces remembered").isEqualTo(2);
      assertThat(stats.pending()).isLessThanOrEqualTo(stats.maxPending());
      assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(HEAP_GROWTH_LIMIT);
      JsonNode overRest = new ObjectMapper().readTree(domain.rest().get("/netserv/v1/signaling").body());
      assertThat(overRest.get("received").asLong()).as("the counters over REST").isEqualTo(stats.received());
      assertThat(overRest.get("unauthenticated").asLong()).isEqualTo(stats.unauthenticated());
      assertThat(log.unexpected(SignalingFloodIT::provoked)).as("controller warnings and errors").isEmpty();
    }
  }

  /** Every request the controller received is accounted for, and nothing waits for an answer. */
  private static boolean settled(SignalingStats s) {
    long accounted = s.unauthenticated() + s.malformed() + s.busy() + s.replayed() + s.nonceLimited()
        + s.pendingFull() + s.relayed() + s.nextHopUnknown();
    return accounted == s.received() && s.pending() == 0;
  }

  /**
   * What the spray provokes on purpose: refusals, malformed requests, and the spraying port going over its
   * PacketIn budget (what gets past it is what the counters above account for).
   */
  private static boolean provoked(String line) {
    return line.contains("refused (401)") || line.contains("refused (503)") || line.contains("malformed signaling")
        || line.contains("PacketIns over the budget");
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
