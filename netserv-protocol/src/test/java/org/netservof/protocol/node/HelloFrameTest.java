package org.netservof.protocol.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelloFrameTest {
  @Test
  void aHelloIsABroadcastFromTheNodesMacThatCarriesTheNonce() {
    byte[] mac = {0x0a, 0, 0, 0, 0x09, 0x01};
    byte[] frame = HelloFrame.build(mac, "4f1c2a");
    assertThat(frame).hasSizeGreaterThanOrEqualTo(60);
    assertThat(java.util.Arrays.copyOfRange(frame, 0, 6)).containsOnly((byte) 0xff);
    assertThat(java.util.Arrays.copyOfRange(frame, 6, 12)).isEqualTo(mac);
    assertThat(((frame[12] & 0xff) << 8) | (frame[13] & 0xff)).isEqualTo(0x88b5);
    assertThat(HelloFrame.nonce(frame)).hasValue("4f1c2a");
  }

  @Test
  void otherFramesCarryNoNonce() {
    // An IPv4 frame of the same size: a hello is told apart by its EtherType, not by its length.
    byte[] ipv4 = HelloFrame.build(new byte[6], "4f1c2a");
    ipv4[12] = 0x08;
    ipv4[13] = 0x00;
    assertThat(HelloFrame.nonce(ipv4)).isEmpty();
    byte[] otherExperiment = HelloFrame.build(new byte[6], "x");
    otherExperiment[15] = 'X';
    assertThat(HelloFrame.nonce(otherExperiment)).isEmpty();
    assertThat(HelloFrame.nonce(new byte[10])).isEmpty();
  }
}
