package org.netservof.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.testing.SocketSwitch;
import org.netservof.policy.layout.ControllerMeter;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Floods at the controller, bounded in count and time, on real Open vSwitch (userspace datapath, OpenFlow 1.3):
 * a host spraying random MACs, and a switch that sends PacketIns and never reads. The controller's heap stays
 * bounded, the other hosts keep reaching each other meanwhile, the switches' meters drop the excess, and the
 * per-port budget drops what the meters let through beyond it. The figures are printed for the closing note.
 */
class FloodIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final DatapathId ROGUE = DatapathId.of(0xf100d);
  private Controller controller;
  private LogCapture log;

  @BeforeEach
  void start() throws Exception {
    log = new LogCapture();
    // Budgets below what Open vSwitch's userspace datapath passes up here (~200 PacketIns/s), to see them bite.
    controller = Controller.start(Optional.empty(), Map.of("of-listen", "127.0.0.1:0", "rest-listen", "127.0.0.1:0",
        "store", "memory",
        "flood-protection.packet-in-rate", "50", "flood-protection.packet-in-burst", "100"));
  }

  @AfterEach
  void stop() {
    controller.close();
    // The rogue switch answers nothing after its handshake: its setup's requests time out, as they should.
    List<String> problems = log.unexpected(p -> p.contains("over the budget") || p.contains(ROGUE.toString()));
    log.close();
    assertThat(problems).as("controller warnings and errors").isEmpty();
  }

  @Test
  void aMacSprayFromOneHostIsMeteredAndBudgetedAndTheOthersKeepTalking() throws Exception {
    try (MininetNetwork net = new MininetNetwork(address(), "OpenFlow13", "--topo", "linear", "--switches", "3")) {
      awaitFabric(net);
      assertThat(pings(net, "h2", "h3", 2)).isEqualTo(2);
      long heapBefore = FloodChecks.usedHeapAfterCollection();
      OFMessageService messages = controller.service(OFMessageService.class);
      long packetInsBefore = messages.dispatched(OFType.PACKET_IN);
      long droppedBefore = messages.packetInsOverBudget();

      net.command(WAIT, "mac_spray_start", Map.of("host", "h1", "count", 60_000));
      int answered = pings(net, "h2", "h3", 10);
      int sent = net.command(Duration.ofSeconds(60), "spray_stop", Map.of()).get("sent").asInt();
      long heapAfter = FloodChecks.usedHeapAfterCollection();
      long dispatched = messages.dispatched(OFType.PACKET_IN) - packetInsBefore;
      long dropped = messages.packetInsOverBudget() - droppedBefore;
      long meterDropped = FloodChecks.meterDropped(net, "s1", ControllerMeter.TABLE_MISS);
      System.out.printf("MAC spray: %d frames sent from h1; s1's table-miss meter dropped %d; PacketIns dispatched %d, "
          + "dropped over budget %d; heap %d MB before, %d MB after; h2->h3 pings answered %d of 10%n", sent,
          meterDropped, dispatched, dropped, heapBefore >> 20, heapAfter >> 20, answered);

      assertThat(answered).as("h2 -> h3 pings answered during the spray").isGreaterThanOrEqualTo(9);
      assertThat(FloodChecks.meters(net, "s1")).as("s1's meters").anySatisfy(m -> assertThat(m)
          .contains("meter=" + ControllerMeter.TABLE_MISS.id()).contains("pktps"));
      assertThat(meterDropped).as("packets s1's table-miss meter dropped").isPositive();
      assertThat(dropped).as("PacketIns dropped over h1's port budget").isPositive();
      assertThat(heapAfter - heapBefore).as("heap growth (bytes)").isLessThan(FloodChecks.HEAP_GROWTH_BOUND);
      assertThat(pings(net, "h1", "h3", 2)).as("h1 itself, once quiet").isEqualTo(2);
    }
  }

  @Test
  void aSwitchThatSendsPacketInsAndNeverReadsCannotGrowTheHeapOrStopTheOthers() throws Exception {
    try (MininetNetwork net = new MininetNetwork(address(), "OpenFlow13", "--topo", "linear", "--switches", "2")) {
      awaitFabric(net);
      long heapBefore = FloodChecks.usedHeapAfterCollection();
      OFMessageService messages = controller.service(OFMessageService.class);
      long droppedBefore = messages.packetInsOverBudget();
      int sent = 0;
      try (SocketSwitch rogue = new SocketSwitch(controller.openFlowAddress(), 4096)) {
        rogue.handshake(ROGUE, 2);
        Eventually.waitFor("the rogue switch to connect", WAIT,
            () -> controller.service(SwitchService.class).getSwitch(ROGUE).isPresent());
        sent = sendUntilBlocked(rogue, 100_000);
        int answered = pings(net, "h1", "h2", 5);
        long heapAfter = FloodChecks.usedHeapAfterCollection();
        long dropped = messages.packetInsOverBudget() - droppedBefore;
        System.out.printf("Switch that never reads: %d PacketIns sent (until TCP stopped it), %d dropped over budget; "
            + "heap %d MB before, %d MB after; h1->h2 pings answered %d of 5%n", sent, dropped, heapBefore >> 20,
            heapAfter >> 20, answered);
        assertThat(answered).as("h1 -> h2 pings answered meanwhile").isEqualTo(5);
        assertThat(dropped).as("PacketIns dropped over the rogue port's budget").isPositive();
        assertThat(heapAfter - heapBefore).as("heap growth (bytes)").isLessThan(FloodChecks.HEAP_GROWTH_BOUND);
      }
    }
  }

  /**
   * Sends PacketIns of 1400-byte frames from port 1 until {@code count} or until the controller stops taking them
   * (the send blocks: TCP's window is closed because the controller stopped reading); returns how many went.
   */
  private static int sendUntilBlocked(SocketSwitch rogue, int count) throws Exception {
    byte[] frame = new byte[1400];
    frame[0] = 0x02;
    frame[6] = 0x02;
    frame[12] = 0x08;
    int[] sent = {0};
    Thread sender = new Thread(() -> {
      try {
        for (; sent[0] < count; sent[0]++) {
          frame[11] = (byte) sent[0];
          rogue.send(PacketIns.of(rogue.factory, 1, frame));
        }
      } catch (java.io.IOException e) {
        // closed by the controller or by the test: the flood is over
      }
    }, "rogue-switch");
    sender.setDaemon(true);
    sender.start();
    sender.join(20_000);
    return sent[0];
  }

  private void awaitFabric(MininetNetwork net) {
    Eventually.waitFor("discovery", WAIT, () -> controller.service(LinkService.class).links()
        .containsAll(net.expectedLinks()));
    Eventually.waitFor("host ports out of quarantine", WAIT, () -> controller.service(TopologyService.class).current()
        .edgePorts().containsAll(List.of(net.attachment("h1"), net.attachment("h2"))));
  }

  private String address() {
    return "127.0.0.1:" + controller.openFlowAddress().getPort();
  }

  private static int pings(MininetNetwork net, String src, String dst, int count) throws Exception {
    return net.command(Duration.ofMinutes(1), "ping", Map.of("src", src, "dst", dst, "count", count))
        .get("received").asInt();
  }
}
