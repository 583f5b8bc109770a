package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchSetup;
import org.netservof.controller.api.SwitchSetupStage;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.testing.RecordingSwitchListener;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A connecting switch, over a real channel pipeline: its setup goes out on the wire in stage order, each
 * contributor's batch closed by a barrier, and listeners hear of the switch only once its setup went out.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class SwitchManagerSetupTest {
  private static final DatapathId DPID = DatapathId.of(0x43);
  private final MessageDispatcher dispatcher = new MessageDispatcher();
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, dispatcher, Clock.systemUTC());
  private final RecordingSwitchListener recorder = new RecordingSwitchListener();
  private final List<String> events = recorder.events;
  private final EmbeddedSwitch peer = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, manager);

  @BeforeEach
  void listen() {
    manager.addListener(recorder);
  }

  @AfterEach
  void close() {
    peer.close();
  }

  @Test
  void theSetupGoesOutInStageOrderEachBatchClosedByABarrier() {
    manager.setups().addSetup(SwitchSetupStage.STATIC, "static", fixed(30));
    manager.setups().addSetup(SwitchSetupStage.CAPTURE, "capture", fixed(20));
    manager.setups().addSetup(SwitchSetupStage.CLEAN, "clean", fixed(10));
    peer.completeHandshake(DPID, 2);
    assertThat(describe(peer.drain())).containsExactly("ECHO_REQUEST 10", "BARRIER_REQUEST", "ECHO_REQUEST 20",
        "BARRIER_REQUEST", "ECHO_REQUEST 30", "BARRIER_REQUEST");
    assertThat(events).containsExactly("added " + DPID);
  }

  @Test
  void listenersHearOfTheSwitchOnlyOnceAStageThatAskedTheSwitchFirstIsDone() {
    CompletableFuture<List<OFMessage>> clean = new CompletableFuture<>();
    manager.setups().addSetup(SwitchSetupStage.CLEAN, "clean", sw -> clean);
    manager.setups().addSetup(SwitchSetupStage.CAPTURE, "capture", fixed(20));
    peer.completeHandshake(DPID, 2);
    assertThat(peer.drain()).isEmpty();
    assertThat(events).isEmpty();
    clean.complete(List.of(echo(10)));
    peer.channel.runPendingTasks();
    assertThat(describe(peer.drain())).containsExactly("ECHO_REQUEST 10", "BARRIER_REQUEST", "ECHO_REQUEST 20",
        "BARRIER_REQUEST");
    assertThat(events).containsExactly("added " + DPID);
  }

  @Test
  void aPacketInSentDuringTheSetupIsHandledOnceListenersKnowTheSwitch() {
    // cbench and hosts that announce themselves (a gratuitous ARP) send their first frame right after the
    // handshake: judged before the switch is announced, its port is unknown and the host is never learnt.
    CompletableFuture<List<OFMessage>> clean = new CompletableFuture<>();
    manager.setups().addSetup(SwitchSetupStage.CLEAN, "clean", sw -> clean);
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "record", (sw, m, c) -> {
      events.add("packet-in " + m.getXid());
      return Command.CONTINUE;
    });
    peer.completeHandshake(DPID, 2);
    peer.send(PacketIns.of(peer.factory, 1, new byte[60]).createBuilder().setXid(7).build());
    peer.channel.runPendingTasks();
    assertThat(events).as("nothing handled before the switch is announced").isEmpty();
    clean.complete(List.of(echo(10)));
    peer.channel.runPendingTasks();
    assertThat(events).containsExactly("added " + DPID, "packet-in 7");
  }

  @Test
  void aSwitchThatLeavesDuringItsSetupIsNeverAnnounced() {
    CompletableFuture<List<OFMessage>> clean = new CompletableFuture<>();
    manager.setups().addSetup(SwitchSetupStage.CLEAN, "clean", sw -> clean);
    peer.completeHandshake(DPID, 2);
    peer.channel.close();
    clean.complete(List.of(echo(10)));
    assertThat(events).doesNotContain("added " + DPID);
    assertThat(manager.switches()).isEmpty();
  }

  private SwitchSetup fixed(long xid) {
    return SwitchSetup.fixed(sw -> List.of(echo(xid)));
  }

  private OFMessage echo(long xid) {
    return peer.factory.buildEchoRequest().setXid(xid).build();
  }

  private static List<String> describe(List<OFMessage> written) {
    return written.stream()
        .map(m -> m.getType() == OFType.BARRIER_REQUEST ? m.getType().toString() : m.getType() + " " + m.getXid())
        .toList();
  }
}
