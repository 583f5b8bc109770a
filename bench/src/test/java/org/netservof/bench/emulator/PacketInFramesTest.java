package org.netservof.bench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.types.MacAddress;

class PacketInFramesTest {

  @Test
  void framesAre64BytesOfIpv4UdpWithAValidHeaderChecksum() {
    byte[] b = new PacketInFrames(3, 10).next().data();
    assertThat(b).hasSize(64);
    assertThat(b[12]).isEqualTo((byte) 0x08);
    assertThat(b[23]).isEqualTo((byte) 17);
    int sum = 0;
    for (int i = 14; i < 34; i += 2) {
      sum += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    assertThat(sum).isEqualTo(0xffff);
  }

  @Test
  void cyclesThroughTheMacsAndNeverSendsToTheIngressPort() {
    for (int macs : new int[] {2, 5, 7, 100}) {
      PacketInFrames frames = new PacketInFrames(1, macs);
      Set<MacAddress> sources = new HashSet<>();
      for (int i = 0; i < macs * 2; i++) {
        PacketInFrame f = frames.next();
        sources.add(f.src());
        MacAddress dst = MacAddress.of(java.util.Arrays.copyOfRange(f.data(), 0, 6));
        assertThat(dst).isNotEqualTo(f.src());
        int dstIndex = (int) (dst.getLong() & 0xffffffffL);
        assertThat(1 + dstIndex % PacketInFrames.PORTS).isNotEqualTo(f.inPort());
      }
      assertThat(sources).hasSize(macs);
    }
  }

  @Test
  void switchesShareNoMac() {
    assertThat(new PacketInFrames(0, 10).mac(5)).isNotEqualTo(new PacketInFrames(1, 10).mac(5));
    assertThat(new PacketInFrames(0, 10).mac(5).isMulticast()).isFalse();
  }
}
