package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.PacketIns;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/** A host flooding one port gets that port's PacketIn budget; the other ports keep theirs. */
@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class PacketInBudgetTest {
  private static final DatapathId DPID = DatapathId.of(0x77);
  private static final FloodProtection LIMITS = FloodProtection.DEFAULTS;
  private final MessageDispatcher dispatcher = new MessageDispatcher();
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, dispatcher, Clock.systemUTC());
  private final List<OFPort> seen = new ArrayList<>();
  private EmbeddedSwitch peer;
  private OFFactory f;

  @BeforeEach
  void connect() {
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "count", (s, m, c) -> {
      seen.add(c.inPort().orElseThrow());
      return Command.CONTINUE;
    });
    peer = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, manager);
    peer.completeHandshake(DPID, 3);
    peer.drain();
    f = peer.factory;
  }

  @AfterEach
  void close() {
    peer.close();
  }

  @Test
  void aFloodFromOnePortIsCutToItsBurstAndCounted() {
    try (LogCapture logs = new LogCapture()) {
      flood(1, 5 * LIMITS.packetInBurst());
      assertThat(seen).hasSize(LIMITS.packetInBurst());
      assertThat(dispatcher.packetInsOverBudget()).isEqualTo(4L * LIMITS.packetInBurst());
      assertThat(logs.problems()).as("one report, not one line per drop").hasSize(1);
      assertThat(logs.problems().get(0)).contains(DPID.toString()).contains("port 1").contains("over the budget");
    }
  }

  @Test
  void anotherPortKeepsItsBudgetDuringTheFlood() {
    flood(1, 5 * LIMITS.packetInBurst());
    seen.clear();
    flood(2, 10);
    assertThat(seen).hasSize(10).containsOnly(OFPort.of(2));
  }

  @Test
  void theBudgetRefillsAtItsRate() {
    flood(1, 5 * LIMITS.packetInBurst());
    seen.clear();
    peer.advance(Duration.ofSeconds(1));
    flood(1, 5 * LIMITS.packetInBurst());
    assertThat(seen).hasSize(LIMITS.packetInRate());
  }

  @Test
  void inventedPortNumbersShareOneBudget() {
    for (int i = 0; i < 5 * LIMITS.packetInBurst(); i++) {
      peer.send(PacketIns.of(f, 1000 + i, new byte[60]));
    }
    assertThat(seen).hasSize(LIMITS.packetInBurst());
  }

  private void flood(int port, int count) {
    for (int i = 0; i < count; i++) {
      peer.send(PacketIns.of(f, port, new byte[60]));
    }
  }
}
