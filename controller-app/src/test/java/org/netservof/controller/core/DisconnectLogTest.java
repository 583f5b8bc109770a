package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.api.MessageContext;
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

/** A disconnect is one line, naming why, however many writes fail on the way out. */
class DisconnectLogTest {
  private static final DatapathId DPID = DatapathId.of(0x51);
  private static final FloodProtection LIMITS = new FloodProtection(1_000_000, 1_000_000, 1000, 1024, 65536, 1024);
  private final MessageDispatcher dispatcher = new MessageDispatcher();
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, LIMITS, dispatcher,
      Clock.systemUTC());
  private final OpenFlowServer server = new OpenFlowServer(OpenFlowConfig.DEFAULTS, LIMITS, () -> 1L, manager,
      SwitchAdmission.open());

  /** Every PacketIn is answered, as forwarding does: a reset switch's answers all fail. */
  private static Command answer(OFSwitch sw, OFMessage packetIn, MessageContext context) {
    sw.write(sw.factory().buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
        .setActions(List.of(sw.factory().actions().output(OFPort.of(2), 0))).setData(new byte[1000]).build());
    return Command.CONTINUE;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aSwitchThatResetsWithAnswersOnTheWayIsLoggedOnceWithTheCause() throws Exception {
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.FORWARD, "answer", DisconnectLogTest::answer);
    InetSocketAddress bound = server.bind(HostPort.parse("127.0.0.1:0"));
    try (LogCapture logs = new LogCapture(Level.INFO)) {
      try (SocketSwitch peer = new SocketSwitch(bound, 4096)) {
        peer.handshake(DPID, 2);
        Eventually.waitFor("the switch connected", Duration.ofSeconds(10), () -> manager.getSwitch(DPID).isPresent());
        logs.clear();
        OFMessage[] burst = new OFMessage[50];
        for (int i = 0; i < burst.length; i++) {
          burst[i] = PacketIns.of(peer.factory, 1, new byte[60]);
        }
        peer.send(burst);
        peer.reset();
      }
      Eventually.waitFor("the manager to forget the switch", Duration.ofSeconds(10),
          () -> manager.connectedSwitches().isEmpty());
      List<String> about = logs.problems().stream().filter(l -> l.contains(DPID.toString())).toList();
      assertThat(about).as("lines about the switch after its reset").hasSize(1);
      assertThat(about.get(0)).contains("disconnected").containsIgnoringCase("reset");
    }
  }
}
