package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.U64;

/** A switch that answers a statistics request with an endless reply cannot make the controller keep it all. */
@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class MultipartBoundTest {
  private static final DatapathId DPID = DatapathId.of(0x78);
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, new MessageDispatcher(),
      Clock.systemUTC());
  private EmbeddedSwitch peer;
  private OFSwitch sw;
  private OFFactory f;

  @BeforeEach
  void connect() {
    peer = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, manager);
    peer.completeHandshake(DPID, 1);
    peer.drain();
    sw = manager.getSwitch(DPID).orElseThrow();
    f = sw.factory();
  }

  @AfterEach
  void close() {
    peer.close();
  }

  @Test
  void aReplyStreamOverTheBoundIsAbandonedWithAClearError() {
    OFFlowStatsRequest request = f.buildFlowStatsRequest().build();
    CompletableFuture<List<OFFlowStatsReply>> reply = sw.stats(request);
    OFFlowStatsEntry entry = f.buildFlowStatsEntry().setCookie(U64.of(1)).build();
    int bound = FloodProtection.DEFAULTS.multipartMaxParts();
    for (int i = 0; i < bound + 10; i++) {
      peer.send(f.buildFlowStatsReply().setXid(request.getXid()).setFlags(EmbeddedSwitch.more())
          .setEntries(List.of(entry)).build());
    }
    assertThat(reply).as("abandoned, not buffered until the timeout").isCompletedExceptionally();
    assertThat(peer.channel.isOpen()).as("the switch stays connected").isTrue();
    try {
      reply.get();
    } catch (ExecutionException | InterruptedException e) {
      assertThat(e.getCause()).hasMessageContaining(DPID.toString()).hasMessageContaining("more than " + bound
          + " parts").hasMessageContaining("abandoned");
    }
  }

  @Test
  void aReplyWithinTheBoundIsGatheredWhole() throws Exception {
    OFFlowStatsRequest request = f.buildFlowStatsRequest().build();
    CompletableFuture<List<OFFlowStatsReply>> reply = sw.stats(request);
    OFFlowStatsEntry entry = f.buildFlowStatsEntry().setCookie(U64.of(1)).build();
    int bound = FloodProtection.DEFAULTS.multipartMaxParts();
    for (int i = 0; i < bound - 1; i++) {
      peer.send(f.buildFlowStatsReply().setXid(request.getXid()).setFlags(EmbeddedSwitch.more())
          .setEntries(List.of(entry)).build());
    }
    peer.send(f.buildFlowStatsReply().setXid(request.getXid()).setEntries(List.of(entry)).build());
    assertThat(reply.get()).hasSize(bound);
  }
}
