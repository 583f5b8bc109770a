package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.signaling.OnPathRelay.Key;
import org.netservof.bridge.signaling.OnPathRelay.Pending;
import org.netservof.bridge.signaling.SignalFrames.Datagram;
import org.netservof.bridge.signaling.SignalFrames.Endpoint;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalRequest;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/** Several requests open from one client socket toward one destination are each answered as their own. */
class PendingTableTest {
  private static final Key KEY = new Key(new Endpoint(IPv4Address.of("10.0.0.1"), 40000), IPv4Address.of("10.0.0.2"));

  private static Pending pending(String nonce, int checksum) {
    SignalRequest r = new SignalRequest(Method.PROBE, "NetMonitor_1.0", Map.of("nonce", nonce));
    Datagram d = new Datagram(MacAddress.of(1), MacAddress.of(2), IPv4Address.of("10.0.0.1"),
        IPv4Address.of("10.0.0.2"), 40000, 270, checksum, new byte[0], Optional.empty());
    return new Pending(r, d, new CompletableFuture<>(), null);
  }

  @Test
  void answersFindTheirOwnRequest() {
    PendingTable table = new PendingTable(8);
    Pending a = pending("nonce-aaaaaaaaaaaa", 0x1111);
    Pending b = pending("nonce-bbbbbbbbbbbb", 0x2222);
    Pending c = pending("nonce-cccccccccccc", 0x3333);
    table.add(KEY, a);
    table.add(KEY, b);
    table.add(KEY, c);
    assertThat(table.has(KEY, "nonce-bbbbbbbbbbbb")).isTrue();
    assertThat(table.takeAnsweredBy(KEY, 0x2222)).containsSame(b);
    assertThat(table.takeByNonce(KEY, "nonce-cccccccccccc")).containsSame(c);
    assertThat(table.takeAnsweredBy(KEY, 0x9999)).as("no checksum matches: the oldest").containsSame(a);
    assertThat(table.size()).isZero();
    assertThat(table.takeByNonce(KEY, "nonce-aaaaaaaaaaaa")).isEmpty();
  }

  @Test
  void aFullTableRefusesANewcomerAndKeepsWhatItHolds() {
    PendingTable table = new PendingTable(2);
    Pending a = pending("nonce-aaaaaaaaaaaa", 0x1111);
    assertThat(table.add(KEY, a)).isTrue();
    assertThat(table.add(KEY, pending("nonce-bbbbbbbbbbbb", 0x2222))).isTrue();
    assertThat(table.add(KEY, pending("nonce-cccccccccccc", 0x3333))).isFalse();
    assertThat(table.size()).isEqualTo(2);
    assertThat(table.has(KEY, "nonce-cccccccccccc")).isFalse();
    assertThat(table.takeByNonce(KEY, "nonce-aaaaaaaaaaaa")).as("the oldest was not evicted").containsSame(a);
    assertThat(table.add(KEY, pending("nonce-cccccccccccc", 0x3333))).as("room again").isTrue();
  }
}
