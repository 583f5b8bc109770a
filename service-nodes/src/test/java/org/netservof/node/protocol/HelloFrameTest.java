package org.netservof.node.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netservof.node.testing.Frames;

class HelloFrameTest {
  @Test
  void aHelloIsABroadcastFromTheNodesMacThatCarriesTheNonce() {
    byte[] mac = Frames.mac("0a:00:00:00:09:01");
    byte[] frame = HelloFrame.build(mac, "4f1c2a");
    assertThat(frame).hasSizeGreaterThanOrEqualTo(60);
    assertThat(java.util.Arrays.copyOfRange(frame, 0, 6)).containsOnly((byte) 0xff);
    assertThat(java.util.Arrays.copyOfRange(frame, 6, 12)).isEqualTo(mac);
    assertThat(((frame[12] & 0xff) << 8) | (frame[13] & 0xff)).isEqualTo(0x88b5);
    assertThat(HelloFrame.nonce(frame)).hasValue("4f1c2a");
  }

  @Test
  void otherFramesCarryNoNonce() {
    assertThat(HelloFrame.nonce(Frames.udp("10.0.0.1", "10.0.0.2", 64))).isEmpty();
    byte[] otherExperiment = HelloFrame.build(new byte[6], "x");
    otherExperiment[15] = 'X';
    assertThat(HelloFrame.nonce(otherExperiment)).isEmpty();
    assertThat(HelloFrame.nonce(new byte[10])).isEmpty();
  }
}
