package org.netservof.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.fabric.HostEvent;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

class HostStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final MacAddress H1 = MacAddress.of("0a:00:00:00:00:01");
  private static final IPv4Address IP1 = IPv4Address.of("10.0.0.1");
  private final HostStore store = new HostStore();

  @Test
  void aNewHostIsAddedWithItsAddressAndAttachment() {
    HostEvent e = store.observe(H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0).orElseThrow();
    assertThat(e.type()).isEqualTo(HostEvent.Type.ADDED);
    assertThat(e.current().ipv4()).containsExactly(IP1);
    assertThat(store.byIpv4(IP1)).extracting(h -> h.mac()).containsExactly(H1);
    assertThat(store.observe(H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0.plusSeconds(1)))
        .isEmpty();
    assertThat(store.byMac(H1).orElseThrow().lastSeen()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void aHostSeenElsewhereMovedAndItsOldAttachmentIsForgotten() {
    store.observe(H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    HostEvent e = store.observe(H1, OptionalInt.empty(), Optional.empty(), SwitchPort.of(3, 2), T0.plusSeconds(5))
        .orElseThrow();
    assertThat(e.type()).isEqualTo(HostEvent.Type.MOVED);
    assertThat(e.previous().orElseThrow().attachment()).isEqualTo(SwitchPort.of(1, 1));
    assertThat(store.all()).singleElement().satisfies(h -> {
      assertThat(h.attachment()).isEqualTo(SwitchPort.of(3, 2));
      assertThat(h.ipv4()).containsExactly(IP1);
      assertThat(h.firstSeen()).isEqualTo(T0);
    });
  }

  @Test
  void aNewAddressIsAnUpdate() {
    store.observe(H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    HostEvent e = store.observe(H1, OptionalInt.empty(), Optional.of(IPv4Address.of("10.0.0.9")),
        SwitchPort.of(1, 1), T0).orElseThrow();
    assertThat(e.type()).isEqualTo(HostEvent.Type.UPDATED);
    assertThat(e.current().ipv4()).hasSize(2);
  }

  @Test
  void quietHostsAgeOut() {
    store.observe(H1, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 1), T0);
    MacAddress h2 = MacAddress.of("0a:00:00:00:00:02");
    store.observe(h2, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 2), T0.plusSeconds(50));
    assertThat(store.expire(T0.plusSeconds(60), Duration.ofSeconds(60))).isEmpty();
    assertThat(store.expire(T0.plusSeconds(61), Duration.ofSeconds(60))).extracting(e -> e.current().mac())
        .containsExactly(H1);
    assertThat(store.all()).extracting(h -> h.mac()).containsExactly(h2);
  }

  @Test
  void hostsOnAPortThatWentAwayAreRemoved() {
    store.observe(H1, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 1), T0);
    assertThat(store.removeAttachedWhere(SwitchPort.of(1, 1)::equals)).extracting(HostEvent::type)
        .containsExactly(HostEvent.Type.REMOVED);
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anAddressClaimedByASecondMacStaysWithTheFirst() {
    MacAddress thief = MacAddress.of("0a:00:00:00:00:66");
    store.observe(H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    store.observe(thief, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 6), T0.plusSeconds(1));
    assertThat(store.byIpv4(IP1)).extracting(h -> h.mac()).containsExactly(H1);
    assertThat(store.byMac(thief).orElseThrow().ipv4()).isEmpty();
  }
}
