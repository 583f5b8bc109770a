package org.netservof.modules.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netservof.modules.relay.TurnHandlerTest.allocate;
import static org.netservof.modules.relay.TurnHandlerTest.assertError;
import static org.netservof.modules.relay.TurnHandlerTest.message;
import static org.netservof.modules.relay.TurnHandlerTest.permission;
import static org.netservof.modules.relay.TurnHandlerTest.send;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.modules.testing.LoopbackContext;

/** The relay's threads over real UDP sockets on 127.0.0.1: a TURN client, a peer, and hostile senders. */
class MediaRelayLoopbackTest {
  private final List<Integer> ports = LoopbackContext.freePorts("udp", 3);
  private final int turnPort = ports.get(0);
  private final MediaRelay relay = new MediaRelay();

  @AfterEach
  void stop() {
    relay.stop();
  }

  private LoopbackContext context(Set<String> grant) {
    return new LoopbackContext(Map.of("port", String.valueOf(turnPort), "relay-ports", ports.get(1) + ","
        + ports.get(2), "max-allocations-per-client", "1", "relay-address", "127.0.0.1"), grant);
  }

  private Set<String> fullGrant() {
    Set<String> grant = new HashSet<>();
    ports.forEach(p -> grant.add("udp:" + p));
    return grant;
  }

  @Test
  void aClientAndAPeerExchangeDatagramsThroughTheRelayAndHostileInputDoesNotStopIt() throws Exception {
    relay.start(context(fullGrant()));
    try (TurnTestClient alice = new TurnTestClient(turnPort);
         DatagramSocket bob = new DatagramSocket(new InetSocketAddress(LoopbackContext.LOOPBACK, 0))) {
      bob.setSoTimeout(5000);
      attack(alice);
      StunMessage allocated = alice.request(allocate(0));
      InetSocketAddress relayed = XorAddress.decode(allocated.attribute(Stun.ATTR_XOR_RELAYED_ADDRESS)
          .orElseThrow()).orElseThrow();
      assertThat(relayed.getPort()).isIn(ports.get(1), ports.get(2));
      InetSocketAddress bobAddress = (InetSocketAddress) bob.getLocalSocketAddress();

      bob.send(new DatagramPacket("before".getBytes(), 6, relayed));
      assertThat(alice.receive(300)).as("a peer without permission is dropped").isEmpty();
      assertThat(alice.request(permission(bobAddress)).messageClass()).isEqualTo(Stun.SUCCESS);

      alice.send(StunCodec.encode(send(bobAddress, "media to bob")));
      DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
      bob.receive(got);
      assertThat(new String(got.getData(), 0, got.getLength())).isEqualTo("media to bob");
      assertThat(got.getPort()).as("from the relay port").isEqualTo(relayed.getPort());

      bob.send(new DatagramPacket("media to alice".getBytes(), 14, relayed));
      StunMessage data = TurnTestClient.decode(alice.receive(5000).orElseThrow());
      assertThat(data.method()).isEqualTo(Stun.DATA);
      assertThat(new String(data.attribute(Stun.ATTR_DATA).orElseThrow())).isEqualTo("media to alice");
      assertThat(relay.report()).containsEntry("relayed-to-peers", 1L).containsEntry("relayed-to-clients", 1L)
          .containsEntry("io-errors", 0L).containsEntry("running", true);
    }
  }

  /** Garbage, cut-short requests and floods of attributes, then a quota refusal: the loop answers after all of it. */
  private static void attack(TurnTestClient client) throws IOException {
    Random random = new Random(3478);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[random.nextInt(600)];
      random.nextBytes(junk);
      client.send(junk);
    }
    StunMessage allocate = allocate(0);
    byte[] cut = StunCodec.encode(allocate);
    cut[3] += 40;
    assertError(client.request(cut, allocate.transactionId()), Stun.BAD_REQUEST);
    StunMessage binding = message(Stun.BINDING, Stun.REQUEST);
    assertThat(client.request(binding).messageClass()).isEqualTo(Stun.SUCCESS);
  }

  @Test
  void aSecondAllocationOfTheSameClientAddressIsRefusedOverTheWire() throws Exception {
    relay.start(context(fullGrant()));
    try (TurnTestClient alice = new TurnTestClient(turnPort); TurnTestClient alice2 = new TurnTestClient(turnPort)) {
      assertThat(alice.request(allocate(0)).messageClass()).isEqualTo(Stun.SUCCESS);
      assertError(alice2.request(allocate(0)), Stun.QUOTA_REACHED); // same IP, max-allocations-per-client 1
    }
  }

  @Test
  void aRelayPortOutsideTheGrantFailsTheStartNamingItAndLeavesNothingBound() throws Exception {
    Set<String> grant = fullGrant();
    grant.remove("udp:" + ports.get(2));
    assertThatThrownBy(() -> relay.start(context(grant))).isInstanceOf(IOException.class)
        .hasMessageContaining("property relay-ports: cannot listen on udp:" + ports.get(2));
    for (int port : ports.subList(0, 2)) {
      new DatagramSocket(new InetSocketAddress(LoopbackContext.LOOPBACK, port)).close(); // bindable again
    }
  }

  @Test
  void stopClosesEveryPort() throws Exception {
    relay.start(context(fullGrant()));
    relay.stop();
    for (int port : ports) {
      new DatagramSocket(new InetSocketAddress(LoopbackContext.LOOPBACK, port)).close();
    }
    assertThat(relay.report()).containsEntry("running", false);
  }
}
