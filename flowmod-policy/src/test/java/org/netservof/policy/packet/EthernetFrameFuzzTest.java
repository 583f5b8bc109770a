package org.netservof.policy.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile frames for the parser every PacketIn goes through: whatever a host sends, parsing either succeeds or
 * refuses with {@link PacketParseException}; nothing else escapes into the listener chain.
 */
class EthernetFrameFuzzTest {
  // 10.0.0.1:40000 -> 10.0.0.2:5060 UDP, as a Mininet host sends it.
  private static final byte[] UDP = HexFormat.of().parseHex("0a0000000002" + "0a0000000001" + "0800"
      + "4500002000004000401100000a0000010a000002" + "9c4013c4000c0000" + "deadbeef");
  private static final int PROTOCOL_BYTE = 14 + 9;

  @Test
  void everyIpProtocolNumberParsesAndTheReservedOneLeavesTheFramePlainEthernet() throws Exception {
    for (int protocol = 0; protocol <= 255; protocol++) {
      byte[] frame = UDP.clone();
      frame[PROTOCOL_BYTE] = (byte) protocol;
      EthernetFrame parsed = EthernetFrame.parse(frame);
      if (protocol == 255) {
        // cbench sends nothing else; Loxi has no IpProtocol for the reserved number, so no IP match can name it.
        assertThat(parsed.ipv4()).as("protocol 255").isEmpty();
        assertThat(parsed.dst()).isEqualTo(org.projectfloodlight.openflow.types.MacAddress.of("0a:00:00:00:00:02"));
      } else {
        assertThat(parsed.ipv4().orElseThrow().protocol().getIpProtocolNumber()).isEqualTo((short) protocol);
      }
    }
  }

  @Test
  void everyEtherTypeAndEveryTruncationParsesOrIsRefusedCleanly() {
    for (int type = 0; type <= 0xffff; type++) {
      byte[] frame = UDP.clone();
      frame[12] = (byte) (type >> 8);
      frame[13] = (byte) type;
      parseOrRefuse(frame);
    }
    for (int length = 0; length <= UDP.length; length++) {
      parseOrRefuse(java.util.Arrays.copyOf(UDP, length));
    }
  }

  @Test
  void mutatedFramesParseOrAreRefusedCleanly() {
    Random random = new Random(13);
    for (int i = 0; i < 50_000; i++) {
      byte[] frame = UDP.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
      }
      parseOrRefuse(random.nextBoolean() ? frame : java.util.Arrays.copyOf(frame, random.nextInt(frame.length + 1)));
    }
  }

  private static void parseOrRefuse(byte[] frame) {
    assertThatCode(() -> {
      try {
        EthernetFrame.parse(frame);
      } catch (PacketParseException refused) {
        // a clean refusal: the frame's headers are cut short or not what they claim
      }
    }).as(HexFormat.of().formatHex(frame)).doesNotThrowAnyException();
  }
}
