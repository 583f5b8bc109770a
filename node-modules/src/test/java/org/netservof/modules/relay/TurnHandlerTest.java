package org.netservof.modules.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TurnHandlerTest {
  private static final InetSocketAddress ALICE = new InetSocketAddress("10.0.0.1", 40000);
  private static final InetSocketAddress BOB = new InetSocketAddress("10.0.1.2", 5004);
  private static final InetSocketAddress MALLORY = new InetSocketAddress("10.0.1.66", 5004);

  private final TurnHandler handler = new TurnHandler(RelaySettings.of(Map.of("relay-ports", "50000-50002",
      "max-allocations-per-client", "2", "default-lifetime", "60", "max-lifetime", "120",
      "relay-address", "10.0.0.100")));
  private long now = 1_000;

  @Test
  void allocateGivesARelayPortOnTheRelayAddressWithItsLifetime() {
    StunMessage answer = request(ALICE, allocate(0));
    assertThat(answer.messageClass()).isEqualTo(Stun.SUCCESS);
    assertThat(XorAddress.decode(answer.attribute(Stun.ATTR_XOR_RELAYED_ADDRESS).orElseThrow()))
        .contains(new InetSocketAddress("10.0.0.100", 50000));
    assertThat(StunCodec.u32Of(answer.attribute(Stun.ATTR_LIFETIME).orElseThrow())).isEqualTo(60);
    assertThat(XorAddress.decode(answer.attribute(Stun.ATTR_XOR_MAPPED_ADDRESS).orElseThrow())).contains(ALICE);
    assertThat(StunCodec.u32Of(request(new InetSocketAddress("10.0.0.1", 40001), allocate(100000))
        .attribute(Stun.ATTR_LIFETIME).orElseThrow())).as("held to max-lifetime").isEqualTo(120);
  }

  @Test
  void allocationsAreBoundedPerClientAndInAll() {
    assertThat(request(ALICE, allocate(0)).messageClass()).isEqualTo(Stun.SUCCESS);
    assertError(request(ALICE, allocate(0)), Stun.ALLOCATION_MISMATCH);
    assertThat(request(port(ALICE, 2), allocate(0)).messageClass()).isEqualTo(Stun.SUCCESS);
    assertError(request(port(ALICE, 3), allocate(0)), Stun.QUOTA_REACHED);
    assertThat(request(BOB, allocate(0)).messageClass()).isEqualTo(Stun.SUCCESS);
    assertError(request(MALLORY, allocate(0)), Stun.INSUFFICIENT_CAPACITY);
    assertThat(handler.report()).containsEntry("active-allocations", 3).containsEntry("refused-requests", 3L);
  }

  @Test
  void onlyItsClientsMayAllocate() {
    TurnHandler closed = new TurnHandler(RelaySettings.of(Map.of("relay-ports", "50000", "clients", "10.0.0.0/24")));
    byte[] request = bytes(allocate(0));
    assertError(decoded(closed.fromClient(request, request.length, BOB, now).get(0)), Stun.FORBIDDEN);
    assertThat(decoded(closed.fromClient(request, request.length, ALICE, now).get(0)).messageClass())
        .isEqualTo(Stun.SUCCESS);
  }

  @Test
  void refusesAllocationsItCannotServe() {
    assertError(request(ALICE, message(Stun.ALLOCATE, Stun.REQUEST)), Stun.BAD_REQUEST);
    assertError(request(ALICE, message(Stun.ALLOCATE, Stun.REQUEST, StunCodec.requestedTransport(6))),
        Stun.UNSUPPORTED_TRANSPORT);
    StunMessage unknown = request(ALICE, message(Stun.ALLOCATE, Stun.REQUEST, StunCodec.requestedTransport(17),
        new StunAttribute(0x0008, new byte[20])));
    assertError(unknown, Stun.UNKNOWN_ATTRIBUTE);
    assertThat(unknown.attribute(Stun.ATTR_UNKNOWN_ATTRIBUTES)).hasValueSatisfying(v ->
        assertThat(v).containsExactly(0, 8));
    assertError(request(ALICE, message(0x0FF, Stun.REQUEST)), Stun.BAD_REQUEST);
    assertError(request(ALICE, message(Stun.REFRESH, Stun.REQUEST)), Stun.ALLOCATION_MISMATCH);
    assertThat(handler.report()).containsEntry("active-allocations", 0);
  }

  @Test
  void aMalformedRequestGets400AndAMalformedIndicationNothing() {
    byte[] request = StunCodec.encode(allocate(0));
    request[3] = (byte) (request[3] + 4); // the length says 4 more bytes than came
    List<Outbound> out = handler.fromClient(request, request.length, ALICE, now);
    assertError(decoded(out.get(0)), Stun.BAD_REQUEST);
    byte[] indication = StunCodec.encode(send(BOB, "x"));
    indication[3] = (byte) (indication[3] + 4);
    assertThat(handler.fromClient(indication, indication.length, ALICE, now)).isEmpty();
    assertThat(handler.fromClient(new byte[] {0, 1, 2}, 3, ALICE, now)).isEmpty();
    assertThat(handler.report()).containsEntry("malformed", 3L);
  }

  @Test
  void dataFlowsBothWaysOnlyForPermittedPeers() {
    request(ALICE, allocate(0));
    assertThat(fromClient(send(BOB, "early"), ALICE)).as("no permission yet").isEmpty();
    assertThat(fromPeer(50000, BOB, "early")).as("no permission yet").isEmpty();
    assertThat(request(ALICE, permission(BOB)).messageClass()).isEqualTo(Stun.SUCCESS);

    List<Outbound> toBob = fromClient(send(BOB, "hello bob"), ALICE);
    assertThat(toBob).singleElement().satisfies(o -> {
      assertThat(o.fromPort()).isEqualTo(50000);
      assertThat(o.to()).isEqualTo(BOB);
      assertThat(new String(o.data())).isEqualTo("hello bob");
    });
    List<Outbound> toAlice = fromPeer(50000, port(BOB, 7), "hello alice"); // any port of a permitted IP
    StunMessage data = decoded(toAlice.get(0));
    assertThat(toAlice.get(0).to()).isEqualTo(ALICE);
    assertThat(data.method()).isEqualTo(Stun.DATA);
    assertThat(data.messageClass()).isEqualTo(Stun.INDICATION);
    assertThat(new String(data.attribute(Stun.ATTR_DATA).orElseThrow())).isEqualTo("hello alice");
    assertThat(XorAddress.decode(data.attribute(Stun.ATTR_XOR_PEER_ADDRESS).orElseThrow())).contains(port(BOB, 7));
    assertThat(fromPeer(50000, MALLORY, "spam")).as("a peer never permitted").isEmpty();
    assertThat(fromPeer(50001, BOB, "x")).as("a relay port with no allocation").isEmpty();
  }

  @Test
  void boundChannelsCarryChannelDataBothWays() {
    request(ALICE, allocate(0));
    StunMessage bind = message(Stun.CHANNEL_BIND, Stun.REQUEST, StunCodec.channelNumber(0x4001),
        XorAddress.encode(Stun.ATTR_XOR_PEER_ADDRESS, BOB));
    assertThat(request(ALICE, bind).messageClass()).isEqualTo(Stun.SUCCESS);
    byte[] channelData = new ChannelData(0x4001, "rtp".getBytes()).encode();
    assertThat(handler.fromClient(channelData, channelData.length, ALICE, now)).singleElement()
        .satisfies(o -> assertThat(o.to()).isEqualTo(BOB));
    Outbound back = fromPeer(50000, BOB, "rtp back").get(0);
    assertThat(ChannelData.decode(back.data(), back.data().length)).hasValueSatisfying(c -> {
      assertThat(c.channel()).isEqualTo(0x4001);
      assertThat(new String(c.data())).isEqualTo("rtp back");
    });
    byte[] unbound = new ChannelData(0x4002, "x".getBytes()).encode();
    assertThat(handler.fromClient(unbound, unbound.length, ALICE, now)).isEmpty();
    assertError(request(ALICE, message(Stun.CHANNEL_BIND, Stun.REQUEST, StunCodec.channelNumber(0x4001),
        XorAddress.encode(Stun.ATTR_XOR_PEER_ADDRESS, MALLORY))), Stun.BAD_REQUEST);
    assertError(request(ALICE, message(Stun.CHANNEL_BIND, Stun.REQUEST, StunCodec.channelNumber(0x3FFF),
        XorAddress.encode(Stun.ATTR_XOR_PEER_ADDRESS, MALLORY))), Stun.BAD_REQUEST);
  }

  @Test
  void permissionsAreBoundedPerAllocation() {
    TurnHandler small = new TurnHandler(RelaySettings.of(Map.of("relay-ports", "50000", "max-permissions", "2")));
    small.fromClient(bytes(allocate(0)), bytes(allocate(0)).length, ALICE, now);
    List<StunMessage> answers = new ArrayList<>();
    for (InetSocketAddress peer : List.of(BOB, MALLORY, new InetSocketAddress("10.0.1.3", 1), BOB)) {
      byte[] p = bytes(permission(peer));
      answers.add(decoded(small.fromClient(p, p.length, ALICE, now).get(0)));
    }
    assertThat(answers).extracting(StunMessage::messageClass)
        .containsExactly(Stun.SUCCESS, Stun.SUCCESS, Stun.ERROR, Stun.SUCCESS);
    assertError(answers.get(2), Stun.INSUFFICIENT_CAPACITY);
  }

  @Test
  void refreshWithLifetimeZeroDeallocatesAndFreesThePort() {
    request(ALICE, allocate(0));
    request(ALICE, permission(BOB));
    assertThat(request(ALICE, message(Stun.REFRESH, Stun.REQUEST, StunCodec.u32(Stun.ATTR_LIFETIME, 0)))
        .messageClass()).isEqualTo(Stun.SUCCESS);
    assertThat(handler.report()).containsEntry("active-allocations", 0);
    assertThat(fromPeer(50000, BOB, "late")).isEmpty();
    assertError(request(ALICE, permission(BOB)), Stun.ALLOCATION_MISMATCH);
  }

  @Test
  void allocationsAndPermissionsExpireUnlessRefreshed() {
    request(ALICE, allocate(0));
    request(ALICE, permission(BOB));
    request(BOB, allocate(0));
    advanceSeconds(50);
    assertThat(request(ALICE, message(Stun.REFRESH, Stun.REQUEST)).messageClass()).isEqualTo(Stun.SUCCESS);
    advanceSeconds(20); // bob's 60 s are over; alice's refresh gave her 60 more
    handler.expire(now);
    assertThat(handler.report()).containsEntry("active-allocations", 1);
    assertThat(fromPeer(50000, BOB, "still permitted")).hasSize(1);
    advanceSeconds(240); // the permission's 300 s are over before alice's allocation: she refreshes it again
    request(ALICE, message(Stun.REFRESH, Stun.REQUEST, StunCodec.u32(Stun.ATTR_LIFETIME, 120)));
    assertThat(fromPeer(50000, BOB, "permission expired")).isEmpty();
  }

  private List<Outbound> fromPeer(int relayPort, InetSocketAddress peer, String text) {
    byte[] data = text.getBytes();
    return handler.fromPeer(relayPort, Arrays.copyOf(data, 2048), data.length, peer, now).stream().toList();
  }

  private void advanceSeconds(long seconds) {
    now += TimeUnit.SECONDS.toNanos(seconds);
  }

  private List<Outbound> fromClient(StunMessage message, InetSocketAddress client) {
    byte[] bytes = bytes(message);
    return handler.fromClient(bytes, bytes.length, client, now);
  }

  private StunMessage request(InetSocketAddress client, StunMessage request) {
    List<Outbound> out = fromClient(request, client);
    assertThat(out).singleElement().satisfies(o -> assertThat(o.to()).isEqualTo(client));
    StunMessage answer = decoded(out.get(0));
    assertThat(answer.transactionId()).isEqualTo(request.transactionId());
    return answer;
  }

  private static InetSocketAddress port(InetSocketAddress a, int port) {
    return new InetSocketAddress(a.getAddress(), port);
  }

  static StunMessage decoded(Outbound o) {
    return ((StunCodec.Valid) StunCodec.decode(o.data(), o.data().length)).message();
  }

  static byte[] bytes(StunMessage m) {
    return StunCodec.encode(m);
  }

  static void assertError(StunMessage answer, int code) {
    assertThat(answer.messageClass()).isEqualTo(Stun.ERROR);
    assertThat(StunCodec.errorCodeOf(answer.attribute(Stun.ATTR_ERROR_CODE).orElseThrow())).isEqualTo(code);
  }

  static StunMessage message(int method, int messageClass, StunAttribute... attributes) {
    byte[] id = new byte[12];
    ThreadLocalRandom.current().nextBytes(id);
    return new StunMessage(method, messageClass, id, List.of(attributes));
  }

  static StunMessage allocate(long lifetime) {
    return lifetime == 0 ? message(Stun.ALLOCATE, Stun.REQUEST, StunCodec.requestedTransport(17))
        : message(Stun.ALLOCATE, Stun.REQUEST, StunCodec.requestedTransport(17),
            StunCodec.u32(Stun.ATTR_LIFETIME, lifetime));
  }

  static StunMessage permission(InetSocketAddress peer) {
    return message(Stun.CREATE_PERMISSION, Stun.REQUEST, XorAddress.encode(Stun.ATTR_XOR_PEER_ADDRESS, peer));
  }

  static StunMessage send(InetSocketAddress peer, String text) {
    return message(Stun.SEND, Stun.INDICATION, XorAddress.encode(Stun.ATTR_XOR_PEER_ADDRESS, peer),
        new StunAttribute(Stun.ATTR_DATA, text.getBytes()));
  }
}
