package org.netservof.bench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.launcher.Controller;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The emulator against real controllers: NetServ-OF in process (its forwarding answers PacketIns), and
 * Open vSwitch's test controller as a child process. No timing thresholds: the machine is shared.
 */
class SwitchEmulatorTest {
  private static final Path OVS_TESTCONTROLLER = Path.of("/usr/bin/ovs-testcontroller");

  @TempDir
  static Path dir;
  private static Controller controller;

  @BeforeAll
  static void startController() throws Exception {
    Path config = dir.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nmodules: [forwarding]\n"
        + "store-path: " + dir.resolve("store") + "\n");
    controller = Controller.start(Optional.of(config), Map.of());
  }

  @AfterAll
  static void stopController() {
    if (controller != null) {
      controller.close();
    }
  }

  @Test
  void throughputOnOpenFlow10() throws Exception {
    EmulatorResult r = run(netservOf(), OFVersion.OF_10, EmulatorMode.THROUGHPUT, 2, 3);
    assertAnswered(r, 2, 3);
    assertThat(r.latency()).isEmpty();
  }

  @Test
  void throughputOnOpenFlow13() throws Exception {
    EmulatorResult r = run(netservOf(), OFVersion.OF_13, EmulatorMode.THROUGHPUT, 2, 3);
    assertAnswered(r, 2, 3);
    assertThat(r.flowMods() + r.packetOuts()).isGreaterThanOrEqualTo(r.total());
  }

  @Test
  void latencyOnOpenFlow13() throws Exception {
    EmulatorResult r = run(netservOf(), OFVersion.OF_13, EmulatorMode.LATENCY, 2, 3);
    assertAnswered(r, 2, 3);
    assertThat(r.latency()).hasValueSatisfying(l -> {
      assertThat(l.samples()).isPositive();
      assertThat(l.p50()).isLessThanOrEqualTo(l.p99());
      assertThat(l.p99()).isLessThanOrEqualTo(l.max());
    });
  }

  @Test
  void cbenchFramesOnOpenFlow13AreAnswered() throws Exception {
    EmulatorResult r = run(config(netservOf(), OFVersion.OF_13, EmulatorMode.THROUGHPUT, 2, 3, FrameStyle.CBENCH,
        Disruption.NONE));
    assertAnswered(r, 2, 3);
    assertThat(r.answered()).as("PacketIns answered").isPositive().isLessThanOrEqualTo(r.total());
    assertThat(r.answeredPerSecond().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.answered());
  }

  @Test
  void switchesReconnectMidRunAndKeepCounting() throws Exception {
    EmulatorResult r = run(config(netservOf(), OFVersion.OF_13, EmulatorMode.THROUGHPUT, 2, 4, FrameStyle.CBENCH,
        new Disruption(Duration.ofSeconds(2), 1, Disruption.Drop.RST)));
    assertAnswered(r, 2, 4);
    assertThat(r.disrupted().reconnects()).hasValueSatisfying(c -> {
      assertThat(c.attempted()).isEqualTo(2);
      assertThat(c.served()).as("reconnections answered").isEqualTo(2);
      assertThat(c.answeredBefore()).isPositive();
      assertThat(c.answeredAfter()).as("answered after reconnecting").isPositive();
    });
    assertThat(r.disrupted().probes()).singleElement()
        .satisfies(h -> assertThat(h.featuresMs()).isLessThanOrEqualTo(h.firstAnswerMs()));
    assertThat(r.disrupted().afterDrop()).hasValueSatisfying(h -> assertThat(h.firstAnswerMs()).isPositive());
  }

  @Test
  void throughputAgainstOvsTestController() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process ovs = new ProcessBuilder(OVS_TESTCONTROLLER.toString(), "-vconsole:off", "--unixctl="
        + dir.resolve("ovs-testcontroller.ctl"), "ptcp:" + port + ":127.0.0.1")
        .redirectErrorStream(true).redirectOutput(dir.resolve("ovs-testcontroller.log").toFile()).start();
    try {
      awaitListening(ovs, port);
      EmulatorResult r = run(new HostPort("127.0.0.1", port), OFVersion.OF_10, EmulatorMode.THROUGHPUT, 1, 2);
      assertAnswered(r, 1, 2);
    } finally {
      ovs.destroy();
      if (!ovs.waitFor(5, TimeUnit.SECONDS)) {
        ovs.destroyForcibly().waitFor();
      }
    }
  }

  /** The child needs a moment to listen; a switch refused at connect would never retry. */
  private static void awaitListening(Process child, int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      assertThat(child.isAlive()).as("ovs-testcontroller running").isTrue();
      try (java.net.Socket probe = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        assertThat(probe.isConnected()).isTrue();
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("ovs-testcontroller did not listen on port " + port + " within 10 s");
  }

  private static HostPort netservOf() {
    return new HostPort("127.0.0.1", controller.openFlowAddress().getPort());
  }

  private static EmulatorResult run(HostPort at, OFVersion version, EmulatorMode mode, int switches, int seconds)
      throws InterruptedException {
    return run(config(at, version, mode, switches, seconds, FrameStyle.UDP, Disruption.NONE));
  }

  private static EmulatorConfig config(HostPort at, OFVersion version, EmulatorMode mode, int switches, int seconds,
      FrameStyle frames, Disruption disruption) {
    return new EmulatorConfig(at, switches, 1000, version, mode, 64, Duration.ofSeconds(seconds),
        Duration.ofSeconds(1), frames, disruption);
  }

  private static EmulatorResult run(EmulatorConfig config) throws InterruptedException {
    EmulatorResult r = new SwitchEmulator(config).run();
    r.print(System.out); // in the test report, for the record
    return r;
  }

  private static void assertAnswered(EmulatorResult r, int switches, int seconds) {
    assertThat(r.switchesReady()).as("switches ready").isEqualTo(switches);
    assertThat(r.total()).as("responses").isPositive();
    assertThat(r.perSecond()).hasSize(seconds);
    assertThat(r.perSecond().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.total());
    assertThat(r.min()).isLessThanOrEqualTo(r.max());
  }
}
