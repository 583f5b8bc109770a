package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.OpenFlowServer;
import org.netservof.controller.channel.SwitchAdmission;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.testing.SocketSwitch;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Switches that flood PacketIns and then reset their connections (a load generator quitting): what the kernel
 * still held for them is not dispatched, and a switch connecting next completes its handshake on the same I/O
 * thread. The I/O thread is held in a listener while the flooders fill the socket buffers, so the backlog at the
 * reset is as large as the kernel allows whatever the machine's speed.
 */
class DeadSwitchBacklogTest {
  private static final int FLOODERS = 4;
  /** PacketIns a dead connection may still see dispatched: the check runs every this many messages. */
  private static final int SLACK = 64 + 1;
  private static final FloodProtection LIMITS = new FloodProtection(1_000_000, 1_000_000, 1000, 1024, 65536, 1024);
  private static final OpenFlowConfig ONE_THREAD = new OpenFlowConfig(List.of("1.0", "1.3"), Duration.ofSeconds(10),
      Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10), 65535, "equal", 256, 1024, 1);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final MessageDispatcher dispatcher = new MessageDispatcher();
  private final SwitchManager manager = new SwitchManager(ONE_THREAD, LIMITS, dispatcher, Clock.systemUTC());
  private final OpenFlowServer server = new OpenFlowServer(ONE_THREAD, LIMITS, () -> 1L, manager,
      SwitchAdmission.open());
  private final Map<DatapathId, AtomicLong> dispatched = new ConcurrentHashMap<>();
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hold;
  private InetSocketAddress bound;

  @BeforeEach
  void start() {
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "count", (s, m, c) -> {
      dispatched.computeIfAbsent(s.id(), k -> new AtomicLong()).incrementAndGet();
      if (hold) {
        hold = false;
        held.countDown();
        awaitRelease();
      }
      return Command.CONTINUE;
    });
    bound = server.bind(HostPort.parse("127.0.0.1:0"));
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  @Test
  void packetInsQueuedForResetConnectionsAreDroppedAndANewSwitchStillConnects() throws Exception {
    List<SocketSwitch> flooders = new ArrayList<>();
    List<Flooder> written = new ArrayList<>();
    for (int i = 1; i <= FLOODERS; i++) {
      SocketSwitch peer = new SocketSwitch(bound, 1 << 20);
      flooders.add(peer);
      peer.handshake(DatapathId.of(i), 2);
      written.add(flood(peer));
    }
    Eventually.waitFor("every flooder dispatched", WAIT, () -> dispatched.size() == FLOODERS);
    hold = true;
    assertThat(held.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).as("the I/O thread held").isTrue();
    waitUntilStalled(written);
    Map<DatapathId, Long> atReset = new ConcurrentHashMap<>();
    dispatched.forEach((id, n) -> atReset.put(id, n.get()));
    for (SocketSwitch peer : flooders) {
      peer.reset();
    }
    for (Flooder f : written) {
      f.thread().join(); // the socket's last user closes it: once its writer left, the reset has gone out
    }
    release.countDown();

    try (SocketSwitch late = new SocketSwitch(bound, 1 << 16)) {
      late.handshake(DatapathId.of(99), 2);
      Eventually.waitFor("the new switch connected", WAIT, () -> manager.getSwitch(DatapathId.of(99)).isPresent());
    }
    Eventually.waitFor("the manager to forget the flooders", WAIT, () -> manager.connectedSwitches().stream()
        .noneMatch(s -> s.id().getLong() <= FLOODERS));
    for (int i = 1; i <= FLOODERS; i++) {
      DatapathId id = DatapathId.of(i);
      assertThat(dispatched.get(id).get() - atReset.get(id))
          .as("PacketIns of %s dispatched after it reset its connection (it had sent %d)", id,
              written.get(i - 1).sent().get())
          .isLessThanOrEqualTo(SLACK);
    }
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A thread sending PacketIns, and how many it got into the socket. */
  private record Flooder(Thread thread, AtomicLong sent) {}

  /** Sends small PacketIns from a thread of its own until the connection breaks. */
  private static Flooder flood(SocketSwitch peer) {
    OFMessage[] batch = new OFMessage[256];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = PacketIns.of(peer.factory, 1, new byte[14]);
    }
    AtomicLong sent = new AtomicLong();
    Thread writer = new Thread(() -> {
      try {
        while (true) {
          peer.send(batch);
          sent.addAndGet(batch.length);
        }
      } catch (IOException e) {
        // reset by the test
      }
    }, "flooder");
    writer.setDaemon(true);
    writer.start();
    return new Flooder(writer, sent);
  }

  /** Waits until no flooder gets more into the socket buffers (three looks in a row). */
  private static void waitUntilStalled(List<Flooder> written) throws InterruptedException {
    long last = -1;
    int same = 0;
    while (same < 3) {
      Thread.sleep(200);
      long now = written.stream().mapToLong(f -> f.sent().get()).sum();
      same = now == last ? same + 1 : 0;
      last = now;
    }
  }
}
