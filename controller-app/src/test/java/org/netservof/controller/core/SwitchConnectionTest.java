package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.OFErrorException;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchDisconnectedException;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.RecordingSwitchListener;
import org.projectfloodlight.openflow.protocol.OFBadMatchCode;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class SwitchConnectionTest {
  private static final DatapathId DPID = DatapathId.of(0x42);
  private final MessageDispatcher dispatcher = new MessageDispatcher();
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, dispatcher, Clock.systemUTC());
  private final RecordingSwitchListener recorder = new RecordingSwitchListener();
  private final List<String> events = recorder.events;
  private EmbeddedSwitch peer;
  private OFSwitch sw;
  private OFFactory f;

  @BeforeEach
  void connect() {
    manager.addListener(recorder);
    peer = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, manager);
    peer.completeHandshake(DPID, 2);
    peer.drain();
    sw = manager.getSwitch(DPID).orElseThrow();
    f = sw.factory();
  }

  @AfterEach
  void close() {
    peer.close();
  }

  @Test
  void theSwitchIsRegisteredWithItsPortsAndAnnounced() {
    assertThat(events).containsExactly("added " + DPID);
    assertThat(sw.ports()).hasSize(2);
    assertThat(sw.isPortUp(OFPort.of(1))).isTrue();
    assertThat(manager.switches()).containsExactly(sw);
  }

  @Test
  void anErrorFailsTheRequestItAnswersNamingIt() {
    OFFlowStatsRequest request = f.buildFlowStatsRequest().build();
    CompletableFuture<List<OFFlowStatsReply>> reply = sw.stats(request);
    peer.expect(OFType.STATS_REQUEST, OFFlowStatsRequest.class);
    OFErrorMsg error = f.errorMsgs().buildBadRequestErrorMsg().setXid(request.getXid())
        .setCode(org.projectfloodlight.openflow.protocol.OFBadRequestCode.BAD_STAT).build();
    peer.send(error);
    OFErrorException failure = failure(reply, OFErrorException.class);
    assertThat(failure.errors()).containsExactly(Map.entry(request, error));
    assertThat(failure.getMessage()).contains("BAD_REQUEST/BAD_STAT").contains("xid=" + request.getXid());
  }

  @Test
  void multipartRepliesAreGatheredInOrder() throws Exception {
    OFFlowStatsRequest request = f.buildFlowStatsRequest().build();
    CompletableFuture<List<OFFlowStatsReply>> reply = sw.stats(request);
    OFFlowStatsEntry e1 = f.buildFlowStatsEntry().setCookie(U64.of(1)).build();
    OFFlowStatsEntry e2 = f.buildFlowStatsEntry().setCookie(U64.of(2)).build();
    peer.send(f.buildFlowStatsReply().setXid(request.getXid()).setFlags(EmbeddedSwitch.more())
        .setEntries(List.of(e1)).build());
    assertThat(reply).isNotDone();
    peer.send(f.buildFlowStatsReply().setXid(request.getXid()).setEntries(List.of(e2)).build());
    assertThat(reply.get()).flatExtracting(OFFlowStatsReply::getEntries).containsExactly(e1, e2);
  }

  @Test
  void aReplyStreamOverTheBoundIsAbandonedWithAClearError() {
    int bound = FloodProtection.DEFAULTS.multipartMaxParts();
    CompletableFuture<List<OFFlowStatsReply>> reply = flowStatsAnsweredWith(bound + 10, true);
    assertThat(failure(reply, IllegalStateException.class)).as("abandoned, not buffered until the timeout")
        .hasMessageContaining(DPID.toString()).hasMessageContaining("more than " + bound + " parts")
        .hasMessageContaining("abandoned");
    assertThat(peer.channel.isOpen()).as("the switch stays connected").isTrue();
  }

  @Test
  void aReplyWithinTheBoundIsGatheredWhole() throws Exception {
    int bound = FloodProtection.DEFAULTS.multipartMaxParts();
    assertThat(flowStatsAnsweredWith(bound, false).get()).hasSize(bound);
  }

  /** Asks for flow statistics; the switch answers with {@code parts} parts, the last one ending the reply or not. */
  private CompletableFuture<List<OFFlowStatsReply>> flowStatsAnsweredWith(int parts, boolean endless) {
    OFFlowStatsRequest request = f.buildFlowStatsRequest().build();
    CompletableFuture<List<OFFlowStatsReply>> reply = sw.stats(request);
    OFFlowStatsEntry entry = f.buildFlowStatsEntry().setCookie(U64.of(1)).build();
    for (int i = 1; i <= parts; i++) {
      peer.send(f.buildFlowStatsReply().setXid(request.getXid()).setEntries(List.of(entry))
          .setFlags(i < parts || endless ? EmbeddedSwitch.more() : java.util.Set.of()).build());
    }
    return reply;
  }

  @Test
  void aConfirmedWriteSucceedsOnTheBarrierReply() throws Exception {
    OFFlowAdd add = f.buildFlowAdd().setPriority(5).build();
    CompletableFuture<Void> done = sw.writeConfirmed(List.of(add));
    peer.expect(OFType.FLOW_MOD, OFFlowAdd.class);
    OFBarrierRequest barrier = peer.expect(OFType.BARRIER_REQUEST, OFBarrierRequest.class);
    assertThat(done).isNotDone();
    peer.send(f.buildBarrierReply().setXid(barrier.getXid()).build());
    assertThat(done.get()).isNull();
  }

  @Test
  void aConfirmedWriteFailsNamingEveryRefusedMessage() {
    OFFlowAdd good = f.buildFlowAdd().setPriority(5).build();
    OFFlowAdd bad = f.buildFlowAdd().setPriority(6).build();
    CompletableFuture<Void> done = sw.writeConfirmed(List.of(good, bad));
    List<OFMessage> sent = peer.drain();
    assertThat(sent).extracting(OFMessage::getType).containsExactly(OFType.FLOW_MOD, OFType.FLOW_MOD,
        OFType.BARRIER_REQUEST);
    OFErrorMsg error = f.errorMsgs().buildBadMatchErrorMsg().setXid(bad.getXid())
        .setCode(OFBadMatchCode.BAD_PREREQ).build();
    peer.send(error);
    peer.send(f.buildBarrierReply().setXid(sent.get(2).getXid()).build());
    OFErrorException failure = failure(done, OFErrorException.class);
    assertThat(failure.errors()).containsExactly(Map.entry(bad, error));
    assertThat(failure.getMessage()).contains("BAD_MATCH/BAD_PREREQ");
  }

  @Test
  void anErrorForAPlainWriteIsDispatchedWithTheMessageThatCausedIt() {
    List<Optional<OFMessage>> seen = new ArrayList<>();
    dispatcher.addListener(OFType.ERROR, PacketInStage.LEARN, "errors", (s, m, c) -> {
      seen.add(c.erroredRequest());
      return Command.CONTINUE;
    });
    OFFlowAdd add = f.buildFlowAdd().setPriority(5).build();
    sw.write(add);
    peer.send(f.errorMsgs().buildBadMatchErrorMsg().setXid(add.getXid()).setCode(OFBadMatchCode.BAD_PREREQ).build());
    assertThat(seen).containsExactly(Optional.of(add));
  }

  @Test
  void anUnansweredRequestTimesOut() {
    CompletableFuture<OFBarrierReply> reply = sw.request(f.barrierRequest());
    peer.advance(Duration.ofSeconds(10));
    assertThat(failure(reply, TimeoutException.class)).hasMessageContaining("did not answer BARRIER_REQUEST");
  }

  @Test
  void disconnectFailsOutstandingRequestsAndRemovesTheSwitch() {
    CompletableFuture<OFBarrierReply> reply = sw.request(f.barrierRequest());
    peer.channel.close();
    failure(reply, SwitchDisconnectedException.class);
    assertThat(manager.getSwitch(DPID)).isEmpty();
    assertThat(events).containsExactly("added " + DPID, "removed " + DPID);
    assertThat(failure(sw.request(f.barrierRequest()), SwitchDisconnectedException.class)).isNotNull();
  }

  @Test
  void portStatusUpdatesThePortsAndIsAnnounced() {
    peer.send(f.buildPortStatus().setReason(OFPortReason.MODIFY).setDesc(peer.port(1, false)).build());
    peer.send(f.buildPortStatus().setReason(OFPortReason.ADD).setDesc(peer.port(3, true)).build());
    peer.send(f.buildPortStatus().setReason(OFPortReason.DELETE).setDesc(peer.port(2, true)).build());
    peer.send(f.buildPortStatus().setReason(OFPortReason.MODIFY).setDesc(peer.port(1, true)).build());
    assertThat(events).containsExactly("added " + DPID, "port 1 DOWN", "port 3 ADDED", "port 2 REMOVED", "port 1 UP");
    assertThat(sw.ports()).extracting(p -> p.getPortNo().getPortNumber()).containsExactlyInAnyOrder(1, 3);
  }

  @Test
  void aSwitchAnnouncingPortsWithoutEndIsHeldToTheMostAnyRealSwitchHas() {
    for (int port = 3; port < 3 + PortTable.MAX_PORTS + 1000; port++) {
      peer.send(f.buildPortStatus().setReason(OFPortReason.ADD).setDesc(peer.port(port, true)).build());
    }
    assertThat(sw.ports()).hasSize(PortTable.MAX_PORTS);
    assertThat(sw.isPortUp(OFPort.of(1))).as("the ports it had").isTrue();
    peer.send(f.buildPortStatus().setReason(OFPortReason.DELETE).setDesc(peer.port(1, false)).build());
    peer.send(f.buildPortStatus().setReason(OFPortReason.ADD).setDesc(peer.port(99_999, true)).build());
    assertThat(sw.isPortUp(OFPort.of(99_999))).as("room made by a deletion is used again").isTrue();
  }

  @Test
  void asynchronousMessagesRunTheChainUntilStop() {
    List<String> calls = new ArrayList<>();
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "b", (s, m, c) -> {
      calls.add("b");
      return Command.STOP;
    });
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "a", (s, m, c) -> {
      calls.add("a " + c.inPort().orElseThrow());
      return Command.CONTINUE;
    });
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "c", (s, m, c) -> {
      calls.add("c");
      return Command.CONTINUE;
    });
    peer.send(f.buildPacketIn().setReason(org.projectfloodlight.openflow.protocol.OFPacketInReason.NO_MATCH)
        .setMatch(f.buildMatch().setExact(org.projectfloodlight.openflow.protocol.match.MatchField.IN_PORT,
            OFPort.of(2)).build())
        .setData(new byte[14]).build());
    assertThat(calls).containsExactly("a 2", "b");
  }

  @Test
  void aSecondConnectionClaimingTheDpidOfALiveSwitchIsRefused() {
    try (EmbeddedSwitch impostor = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, manager)) {
      impostor.completeHandshake(DPID, 1);
      impostor.send(impostor.factory.buildPortStatus().setReason(OFPortReason.DELETE)
          .setDesc(impostor.port(1, false)).build());
      // The connected switch is asked first, and answers.
      OFBarrierRequest probe = peer.expect(OFType.BARRIER_REQUEST, OFBarrierRequest.class);
      peer.send(f.buildBarrierReply().setXid(probe.getXid()).build());
      assertThat(impostor.channel.isOpen()).as("the impostor is closed").isFalse();
      assertThat(peer.channel.isOpen()).isTrue();
      assertThat(events).as("nothing the impostor said reached the listeners, but its refusal did")
          .containsExactly("added " + DPID, "refused " + DPID);
      assertThat(manager.getSwitch(DPID).orElseThrow().ports()).hasSize(2);
    }
  }

  @Test
  void aSecondConnectionReplacesAFirstThatNoLongerAnswers() {
    try (EmbeddedSwitch again = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, manager)) {
      again.completeHandshake(DPID, 1);
      peer.expect(OFType.BARRIER_REQUEST, OFBarrierRequest.class);
      assertThat(events).as("undecided while the first may still answer").containsExactly("added " + DPID);
      peer.advance(OpenFlowConfig.DEFAULTS.requestTimeout().plusSeconds(1));
      again.drain();
      assertThat(peer.channel.isOpen()).isFalse();
      assertThat(events).containsExactly("added " + DPID, "removed " + DPID, "added " + DPID);
      assertThat(manager.getSwitch(DPID).orElseThrow().ports()).hasSize(1);
    }
  }

  @Test
  void aMessageInAnotherVersionIsRefusedWithBadVersion() {
    org.projectfloodlight.openflow.protocol.OFFactory v10 =
        org.projectfloodlight.openflow.protocol.OFFactories.getFactory(OFVersion.OF_10);
    peer.send(v10.buildEchoReply().setXid(5).build());
    OFErrorMsg error = peer.expect(OFType.ERROR, OFErrorMsg.class);
    assertThat(error.getXid()).isEqualTo(5);
  }

  private static <E extends Throwable> E failure(CompletableFuture<?> future, Class<E> kind) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.get();
      throw new AssertionError("future succeeded");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(kind);
      return kind.cast(e.getCause());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
