package org.netservof.controller.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.RecordingActivator;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class EchoHandlerTest {
  private final RecordingActivator activator = new RecordingActivator();

  @Test
  void answersTheSwitchsEchoWithTheSameXidAndData() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.completeHandshake(DatapathId.of(1), 1);
      sw.send(sw.factory.buildEchoRequest().setXid(77).setData(new byte[] {1, 2, 3}).build());
      OFEchoReply reply = sw.expect(OFType.ECHO_REPLY, OFEchoReply.class);
      assertThat(reply.getXid()).isEqualTo(77);
      assertThat(reply.getData()).containsExactly(1, 2, 3);
      assertThat(activator.received).as("echo is not dispatched").isEmpty();
    }
  }

  @Test
  void probesASilentSwitchAndDisconnectsItAtTheEchoTimeout() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_13, OpenFlowConfig.DEFAULTS, activator)) {
      sw.completeHandshake(DatapathId.of(1), 1);
      sw.drain();
      sw.advance(Duration.ofSeconds(5));
      sw.expect(OFType.ECHO_REQUEST, OFEchoRequest.class);
      sw.advance(Duration.ofSeconds(5));
      sw.expect(OFType.ECHO_REQUEST, OFEchoRequest.class);
      assertThat(sw.channel.isOpen()).isTrue();
      sw.advance(Duration.ofSeconds(5));
      assertThat(sw.channel.isOpen()).as("silent for the 15 s echo timeout").isFalse();
      assertThat(activator.closed).isTrue();
    }
  }

  @Test
  void anAnswerKeepsTheSwitchConnected() {
    try (EmbeddedSwitch sw = new EmbeddedSwitch(OFVersion.OF_10, OpenFlowConfig.DEFAULTS, activator)) {
      sw.completeHandshake(DatapathId.of(1), 1);
      sw.drain();
      for (int round = 0; round < 5; round++) {
        sw.advance(Duration.ofSeconds(5));
        OFEchoRequest probe = sw.expect(OFType.ECHO_REQUEST, OFEchoRequest.class);
        sw.send(sw.factory.buildEchoReply().setXid(probe.getXid()).build());
      }
      assertThat(sw.channel.isOpen()).isTrue();
      assertThat(activator.received).as("our echo replies are consumed").isEmpty();
    }
  }
}
