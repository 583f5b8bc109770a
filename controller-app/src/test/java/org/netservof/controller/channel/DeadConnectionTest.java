package org.netservof.controller.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.testing.RecordingActivator;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/** What a connection that closed still had queued is dropped: none of it reaches the session. */
@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class DeadConnectionTest {

  @Test
  void theRestOfADecodedBatchIsNotDeliveredOnceTheConnectionClosed() {
    RecordingActivator session = new RecordingActivator();
    session.afterReceived = m -> session.channel.close(); // as a listener closing it on the first would
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, session)) {
      sw.completeHandshake(DatapathId.of(1), 2);
      OFMessage[] batch = new OFMessage[100];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = PacketIns.of(sw.factory, 1, new byte[60]).createBuilder().setXid(1000 + i).build();
      }
      sw.send(batch); // one read: the decoder hands all hundred on in one go
      assertThat(session.received).as("PacketIns delivered from a batch whose first closed the connection")
          .containsExactly(batch[0]);
      assertThat(session.closed).isTrue();
    }
  }
}
