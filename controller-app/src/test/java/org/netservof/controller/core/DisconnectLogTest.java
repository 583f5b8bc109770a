package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.LogCapture;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/** A disconnect is one line, naming why, however many writes fail on the way out. */
@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class DisconnectLogTest {
  private static final DatapathId DPID = DatapathId.of(0x51);
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, new MessageDispatcher(),
      Clock.systemUTC());

  @Test
  void aResetConnectionWhoseWritesKeepFailingIsLoggedOnceWithItsCause() {
    try (EmbeddedSwitch peer = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, manager);
        LogCapture logs = new LogCapture(Level.INFO)) {
      peer.completeHandshake(DPID, 2);
      logs.clear();
      // What a reset looks like from inside: the read fails, then every write queued for the switch fails too.
      for (int i = 0; i < 340; i++) {
        peer.channel.pipeline().fireExceptionCaught(new IOException("recvAddress(..) failed with error(-104): "
            + "Connection reset by peer"));
      }
      for (int i = 0; i < 5; i++) {
        peer.channel.pipeline().fireExceptionCaught(new ClosedChannelException());
      }
      peer.channel.runPendingTasks();
      // The embedded channel logs what reaches its tail once the pipeline is gone; a real one fires nothing then.
      List<String> ours = logs.problems().stream().filter(l -> l.contains(" org.netservof.")).toList();
      assertThat(ours).as("lines logged for one disconnect").hasSize(1);
      assertThat(ours.get(0)).contains(DPID.toString()).contains("disconnected")
          .contains("Connection reset by peer");
      assertThat(manager.getSwitch(DPID)).isEmpty();
    }
  }
}
