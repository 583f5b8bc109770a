package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AttachmentTest {
  /** An LLDP frame laid out like the controller's probes: chassis (DPID), port, TTL, end. */
  private static ByteBuffer lldp(long dpid, int port) {
    ByteBuffer f = ByteBuffer.allocate(64);
    f.put(new byte[] {1, (byte) 0x80, (byte) 0xc2, 0, 0, 0x0e}).put(new byte[6]).putShort((short) 0x88cc);
    f.putShort((short) ((1 << 9) | 9)).put((byte) 7).putLong(dpid);
    f.putShort((short) ((2 << 9) | 5)).put((byte) 7).putInt(port);
    f.putShort((short) ((3 << 9) | 2)).putShort((short) 120);
    f.putShort((short) 0);
    return f.flip();
  }

  @Test
  void readsTheSwitchAndPortFromTheControllersProbe() {
    assertThat(Attachment.fromLldp(lldp(1, 11))).hasValue(new Attachment("00:00:00:00:00:00:00:01", 11));
    assertThat(Attachment.fromLldp(lldp(0x8000_0000_0000_00abL, 3)).orElseThrow().dpid())
        .as("a DPID with its top bit set").isEqualTo("80:00:00:00:00:00:00:ab");
  }

  @Test
  void anLldpFrameWithoutOurTlvsSaysNothing() {
    ByteBuffer f = ByteBuffer.allocate(40);
    f.put(new byte[12]).putShort((short) 0x88cc).putShort((short) ((1 << 9) | 7)).put((byte) 4).put(new byte[6]);
    f.putShort((short) 0);
    assertThat(Attachment.fromLldp(f.flip())).isEmpty();
  }

  @Test
  void parsesTheCommandLineForm() {
    assertThat(Attachment.parse("00:00:00:00:00:00:00:01/11")).isEqualTo(new Attachment("00:00:00:00:00:00:00:01",
        11));
    assertThatThrownBy(() -> Attachment.parse("s1-eth1")).hasMessageContaining("DPID/PORT");
    assertThatThrownBy(() -> Attachment.parse("00:01/x")).hasMessageContaining("not a number");
  }
}
