package org.netservof.controller.linkdiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.netservof.policy.packet.EthernetFrame;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

class ProbeCodecTest {
  private static final long ID = 0x5eed_1234_abcdL;
  private final ProbeCodec codec = new ProbeCodec(key(1));
  private final DatapathId dpid = DatapathId.of(0x1234);

  @Test
  void aProbeReadsBackAsSent() throws Exception {
    byte[] frame = codec.encode(dpid, OFPort.of(3), MacAddress.of("02:00:00:00:00:03"), ID);
    EthernetFrame eth = EthernetFrame.parse(frame);
    assertThat(eth.dst()).isEqualTo(ProbeCodec.LLDP_MULTICAST);
    assertThat(eth.etherType().getValue()).isEqualTo(0x88cc);
    ProbeCodec.Probe probe = codec.decode(frame, eth.payloadOffset());
    assertThat(probe).isEqualTo(new ProbeCodec.Probe(dpid, OFPort.of(3), ID));
  }

  @Test
  void anyChangedByteIsCaught() throws Exception {
    byte[] frame = codec.encode(dpid, OFPort.of(3), MacAddress.of("02:00:00:00:00:03"), ID);
    int signedPort = frame.length - 2 - 16 - 8 - 1; // last byte of the signed port number
    byte[] forged = frame.clone();
    forged[signedPort] = 4;
    assertThatThrownBy(() -> codec.decode(forged, 14))
        .isInstanceOf(ProbeCodec.Rejected.class).hasMessageContaining("signature does not verify");
  }

  @Test
  void anotherControllersProbeIsNotOurs() {
    byte[] theirs = new ProbeCodec(key(2)).encode(dpid, OFPort.of(3), MacAddress.of("02:00:00:00:00:03"), ID);
    assertThatThrownBy(() -> codec.decode(theirs, 14)).hasMessageContaining("signature");
  }

  @Test
  void aHostsOwnLldpAndTruncatedFramesAreRefused() {
    byte[] hostLldp = new byte[14 + 2 + 9 + 2];
    hostLldp[12] = (byte) 0x88;
    hostLldp[13] = (byte) 0xcc;
    hostLldp[14] = 0x02; // chassis TLV, length 9
    hostLldp[15] = 0x09;
    assertThatThrownBy(() -> codec.decode(hostLldp, 14)).hasMessageContaining("without a NetServ-OF");
    byte[] frame = codec.encode(dpid, OFPort.of(3), MacAddress.of("02:00:00:00:00:03"), ID);
    byte[] cut = Arrays.copyOf(frame, frame.length - 20);
    assertThatThrownBy(() -> codec.decode(cut, 14)).hasMessageContaining("runs past the frame end");
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> new ProbeCodec(new byte[8])).hasMessageContaining("at least 16 bytes");
  }

  private static byte[] key(int seed) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) seed);
    return k;
  }
}
