package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.OpenFlowServer;
import org.netservof.controller.channel.SwitchAdmission;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.testing.SocketSwitch;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/** A switch that stops reading: the controller stops reading it, and what waits for it stays bounded. */
class WriteBackpressureTest {
  private static final DatapathId DPID = DatapathId.of(0x79);
  private static final FloodProtection LIMITS = new FloodProtection(200, 400, 1000, 64, 16 * 1024, 1024);
  private static final int MESSAGE_BYTES = 60_000;
  private final MessageDispatcher dispatcher = new MessageDispatcher();
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, LIMITS, dispatcher,
      Clock.systemUTC());
  private final OpenFlowServer server = new OpenFlowServer(OpenFlowConfig.DEFAULTS, LIMITS, () -> 1L, manager,
      SwitchAdmission.open());
  private final AtomicInteger packetIns = new AtomicInteger();
  private InetSocketAddress bound;

  @BeforeEach
  void start() {
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "count", (s, m, c) -> {
      packetIns.incrementAndGet();
      return Command.CONTINUE;
    });
    bound = server.bind(HostPort.parse("127.0.0.1:0"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theControllerStopsReadingASwitchThatStopsReadingAndResumesWhenItCatchesUp() throws Exception {
    try (SocketSwitch peer = new SocketSwitch(bound, 4096)) {
      SwitchConnection sw = connect(peer);
      int count = 100; // 6 MB: more than the kernel's socket buffers hold
      writeUnread(sw, count);
      Eventually.waitFor("the controller to stop reading the switch", Duration.ofSeconds(10), () -> !sw.reading());
      peer.send(PacketIns.of(peer.factory, 1, new byte[60]));
      assertThat(sw.queuedBytes()).isLessThanOrEqualTo(LIMITS.writeLimitKib() * 1024L);
      assertThat(packetIns).as("nothing read from the switch while it does not read").hasValue(0);
      List<OFMessage> read = peer.readMessages(count);
      assertThat(read).extracting(OFMessage::getType).isSubsetOf(OFType.PACKET_OUT, OFType.ECHO_REQUEST);
      Eventually.waitFor("the controller to read the switch again", Duration.ofSeconds(10), sw::reading);
      Eventually.waitFor("the PacketIn sent meanwhile to arrive", Duration.ofSeconds(10), () -> packetIns.get() == 1);
      assertThat(sw.isConnected()).isTrue();
    }
  }

  @Test
  void aSwitchThatNeverReadsIsDisconnectedBeforeItsQueueOutgrowsTheLimit() throws Exception {
    try (SocketSwitch peer = new SocketSwitch(bound, 4096); LogCapture logs = new LogCapture()) {
      SwitchConnection sw = connect(peer);
      long limit = LIMITS.writeLimitKib() * 1024L;
      writeUnread(sw, (int) (2 * limit / MESSAGE_BYTES));
      Eventually.waitFor("the switch to be disconnected or its queue to pass the limit", Duration.ofSeconds(20),
          () -> !sw.isConnected() || sw.queuedBytes() > limit + MESSAGE_BYTES);
      assertThat(sw.queuedBytes()).as("bytes queued for the switch").isLessThanOrEqualTo(limit + MESSAGE_BYTES);
      Eventually.waitFor("the switch to be disconnected", Duration.ofSeconds(20), () -> !sw.isConnected());
      // The manager forgets the switch when its channel's close has run, just after isConnected() turns false.
      Eventually.waitFor("the manager to forget the switch", Duration.ofSeconds(10),
          () -> manager.getSwitch(DPID).isEmpty());
      assertThat(logs.problems()).anySatisfy(p -> assertThat(p).contains(DPID.toString()).contains("has not read")
          .contains("disconnecting"));
      assertThat(peer.isClosedByPeer()).isTrue();
    }
  }

  private SwitchConnection connect(SocketSwitch peer) throws Exception {
    peer.handshake(DPID, 2);
    Eventually.waitFor("the switch to connect", Duration.ofSeconds(10), () -> manager.getSwitch(DPID).isPresent());
    OFSwitch sw = manager.getSwitch(DPID).orElseThrow();
    return (SwitchConnection) sw;
  }

  /** Writes {@code count} PacketOuts of {@link #MESSAGE_BYTES} each, as listeners would, that the switch does not read. */
  private static void writeUnread(SwitchConnection sw, int count) {
    OFMessage out = sw.factory().buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
        .setActions(List.of(sw.factory().actions().output(OFPort.of(2), 0))).setData(new byte[MESSAGE_BYTES])
        .build();
    for (int i = 0; i < count; i++) {
      sw.write(out);
    }
  }
}
