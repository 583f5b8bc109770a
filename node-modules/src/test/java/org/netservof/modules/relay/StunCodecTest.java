package org.netservof.modules.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StunCodecTest {
  /** RFC 5769 §2.2, the sample IPv4 response: SOFTWARE, XOR-MAPPED-ADDRESS 192.0.2.1:32853, integrity, CRC. */
  private static final byte[] RFC5769_RESPONSE = HexFormat.of().parseHex(
      "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220"
      + "002000080001a147e112a64300080014" + "2b91f599fd9e90c38c7489f92af9ba53f06be7d7" + "80280004c07d4c96");
  private static final byte[] ID = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

  @Test
  void readsTheRfc5769SampleResponse() {
    StunCodec.Valid valid = (StunCodec.Valid) StunCodec.decode(RFC5769_RESPONSE, RFC5769_RESPONSE.length);
    StunMessage m = valid.message();
    assertThat(m.method()).isEqualTo(Stun.BINDING);
    assertThat(m.messageClass()).isEqualTo(Stun.SUCCESS);
    assertThat(m.transactionId()).isEqualTo(ID);
    assertThat(m.attributes()).extracting(StunAttribute::type).containsExactly(0x8022, 0x0020, 0x0008, 0x8028);
    assertThat(new String(m.attribute(0x8022).orElseThrow())).isEqualTo("test vector");
    assertThat(XorAddress.decode(m.attribute(Stun.ATTR_XOR_MAPPED_ADDRESS).orElseThrow()))
        .contains(new InetSocketAddress("192.0.2.1", 32853));
  }

  @Test
  void writesWhatItReadsByteForByte() {
    StunMessage m = ((StunCodec.Valid) StunCodec.decode(RFC5769_RESPONSE, RFC5769_RESPONSE.length)).message();
    byte[] zeroPadded = RFC5769_RESPONSE.clone();
    zeroPadded[35] = 0; // the RFC pads "test vector" with a space; padding is ignored on reading, zero on writing
    assertThat(StunCodec.encode(m)).isEqualTo(zeroPadded);
  }

  @Test
  void messageTypesCarryTheClassBitsAmongTheMethodBits() {
    assertThat(Stun.type(Stun.ALLOCATE, Stun.REQUEST)).isEqualTo(0x0003);
    assertThat(Stun.type(Stun.ALLOCATE, Stun.SUCCESS)).isEqualTo(0x0103);
    assertThat(Stun.type(Stun.ALLOCATE, Stun.ERROR)).isEqualTo(0x0113);
    assertThat(Stun.type(Stun.SEND, Stun.INDICATION)).isEqualTo(0x0016);
    assertThat(Stun.type(Stun.DATA, Stun.INDICATION)).isEqualTo(0x0017);
    for (int method = 0; method < 0x1000; method += 0x55) {
      for (int c = 0; c < 4; c++) {
        assertThat(Stun.method(Stun.type(method, c))).isEqualTo(method);
        assertThat(Stun.messageClass(Stun.type(method, c))).isEqualTo(c);
      }
    }
  }

  @Test
  void paddingIsAddedAndSkipped() {
    StunMessage m = new StunMessage(Stun.SEND, Stun.INDICATION, ID, List.of(
        new StunAttribute(Stun.ATTR_DATA, new byte[] {1, 2, 3, 4, 5}), StunCodec.u32(Stun.ATTR_LIFETIME, 77)));
    byte[] bytes = StunCodec.encode(m);
    assertThat(bytes).hasSize(20 + 4 + 8 + 4 + 4);
    StunMessage back = ((StunCodec.Valid) StunCodec.decode(bytes, bytes.length)).message();
    assertThat(back.attribute(Stun.ATTR_DATA)).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3, 4, 5));
    assertThat(StunCodec.u32Of(back.attribute(Stun.ATTR_LIFETIME).orElseThrow())).isEqualTo(77);
  }

  @Test
  void notStunIsIgnored() {
    assertThat(StunCodec.decode(new byte[19], 19)).isInstanceOf(StunCodec.Ignored.class);
    assertThat(StunCodec.decode(RFC5769_RESPONSE, 10)).isInstanceOf(StunCodec.Ignored.class);
    assertThat(StunCodec.decode(new byte[4], 40)).as("a length past the buffer").isInstanceOf(StunCodec.Ignored.class);
    byte[] cookie = RFC5769_RESPONSE.clone();
    cookie[4] = 0x21 + 1;
    assertThat(StunCodec.decode(cookie, cookie.length)).isInstanceOf(StunCodec.Ignored.class);
    byte[] bits = RFC5769_RESPONSE.clone();
    bits[0] |= (byte) 0x80;
    assertThat(StunCodec.decode(bits, bits.length)).isInstanceOf(StunCodec.Ignored.class);
  }

  @Test
  void aGoodHeaderWithABadBodyIsMalformedAndKeepsTheTransactionToAnswer() {
    assertMalformed(RFC5769_RESPONSE, RFC5769_RESPONSE.length - 4, "is not the");
    byte[] pastEnd = RFC5769_RESPONSE.clone();
    pastEnd[22] = 0x01; // SOFTWARE claims 267 bytes
    assertMalformed(pastEnd, pastEnd.length, "runs past the end");
    byte[] odd = ByteBuffer.allocate(22).putShort((short) 1).putShort((short) 2).putInt(Stun.MAGIC_COOKIE)
        .put(ID).array();
    assertMalformed(odd, odd.length, "multiple of 4");
    byte[] lastPastEnd = ByteBuffer.allocate(24).putShort((short) 1).putShort((short) 4).putInt(Stun.MAGIC_COOKIE)
        .put(ID).putShort((short) 0x8022).putShort((short) 9).array(); // a header and none of its 9 bytes
    assertMalformed(lastPastEnd, 24, "runs past the end");
  }

  @Test
  void hugeAttributeCountsAreRefusedBeforeTheyAreKept() {
    int count = 5000;
    ByteBuffer b = ByteBuffer.allocate(20 + 4 * count).putShort((short) 1).putShort((short) (4 * count))
        .putInt(Stun.MAGIC_COOKIE).put(ID);
    for (int i = 0; i < count; i++) {
      b.putShort((short) 0x8022).putShort((short) 0);
    }
    assertMalformed(b.array(), b.capacity(), "more than 32 attributes");
  }

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(5766);
    byte[] data = new byte[256];
    for (int i = 0; i < 20_000; i++) {
      random.nextBytes(data);
      int length = random.nextInt(data.length + 1);
      if (i % 2 == 0) { // half of them with a plausible header, so the body parser is attacked too
        ByteBuffer.wrap(data).putShort((short) (data[0] & 0x3F)).putShort((short) ((length - 20) & ~3))
            .putInt(Stun.MAGIC_COOKIE);
      }
      assertThat(StunCodec.decode(data, length)).isNotNull();
      ChannelData.decode(data, length);
    }
  }

  @Test
  void channelDataRoundTripsAndRefusesWhatItCannotHold() {
    byte[] bytes = new ChannelData(0x4001, new byte[] {9, 8, 7}).encode();
    assertThat(bytes).hasSize(8);
    assertThat(ChannelData.decode(bytes, bytes.length)).hasValueSatisfying(c -> {
      assertThat(c.channel()).isEqualTo(0x4001);
      assertThat(c.data()).containsExactly(9, 8, 7);
    });
    assertThat(ChannelData.decode(bytes, 3)).isEmpty();
    bytes[3] = 100; // claims 100 bytes
    assertThat(ChannelData.decode(bytes, bytes.length)).isEmpty();
    assertThat(ChannelData.decode(RFC5769_RESPONSE, RFC5769_RESPONSE.length)).as("STUN is not ChannelData")
        .isEmpty();
  }

  @Test
  void xorAddressesRoundTripAndRefuseOtherFamiliesAndLengths() {
    InetSocketAddress a = new InetSocketAddress("10.0.0.100", 49152);
    assertThat(XorAddress.decode(XorAddress.encode(Stun.ATTR_XOR_PEER_ADDRESS, a).value())).contains(a);
    assertThat(XorAddress.decode(new byte[7])).isEmpty();
    assertThat(XorAddress.decode(new byte[] {0, 2, 0, 0, 0, 0, 0, 0})).as("IPv6 family").isEmpty();
    assertThat(XorAddress.decode(new byte[20])).isEmpty();
  }

  @Test
  void errorCodesCarryClassAndNumber() {
    byte[] value = StunCodec.errorCode(437, "Allocation Mismatch").value();
    assertThat(StunCodec.errorCodeOf(value)).isEqualTo(437);
    assertThat(StunCodec.errorCodeOf(new byte[3])).isEqualTo(-1);
    assertThat(StunCodec.errorCode(400, "x".repeat(1000)).value()).as("the reason is cut").hasSize(4 + 127);
  }

  private static void assertMalformed(byte[] data, int length, String reason) {
    StunCodec.Decoded d = StunCodec.decode(data, length);
    assertThat(d).isInstanceOf(StunCodec.Malformed.class);
    StunCodec.Malformed m = (StunCodec.Malformed) d;
    assertThat(m.header().attributes()).isEmpty();
    assertThat(m.reason()).contains(reason);
  }
}
