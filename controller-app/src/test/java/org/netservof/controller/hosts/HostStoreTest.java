package org.netservof.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final Map<SwitchPort, Boolean> hostFacing = new HashMap<>();
  private final HostStore store = new HostStore(HostsConfig.DEFAULTS.maxHosts(), hostFacing::put);

  @Test
  void aNewHostIsAddedWithItsAddressAndAttachment() {
    HostEvent e = observe(store, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0).orElseThrow();
    assertThat(e.type()).isEqualTo(HostEvent.Type.ADDED);
    assertThat(e.current().ipv4()).containsExactly(IP1);
    assertThat(store.byIpv4(IP1)).extracting(h -> h.mac()).containsExactly(H1);
    assertThat(observe(store, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0.plusSeconds(1)))
        .isEmpty();
    assertThat(store.byMac(H1).orElseThrow().lastSeen()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void aHostSeenElsewhereMovedAndItsOldAttachmentIsForgotten() {
    observe(store, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    HostEvent e = observe(store, H1, OptionalInt.empty(), Optional.empty(), SwitchPort.of(3, 2), T0.plusSeconds(5))
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
  void aHostSeenAgainWithoutAnAddressKeepsWhatItHeldAndBecomesTheMostRecent() {
    MacAddress h2 = MacAddress.of("0a:00:00:00:00:02");
    HostStore small = new HostStore(2, hostFacing::put);
    observe(small, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    observe(small, h2, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 2), T0.plusSeconds(1));
    assertThat(observe(small, H1, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 1), T0.plusSeconds(2)))
        .isEmpty();
    assertThat(small.byMac(H1).orElseThrow()).satisfies(h -> {
      assertThat(h.ipv4()).containsExactly(IP1);
      assertThat(h.firstSeen()).isEqualTo(T0);
      assertThat(h.lastSeen()).isEqualTo(T0.plusSeconds(2));
    });
    assertThat(small.byIpv4(IP1)).extracting(h -> h.mac()).containsExactly(H1);
    HostStore.Learnt third = small.observe(MacAddress.of("0a:00:00:00:00:03"), OptionalInt.empty(),
        Optional.empty(), SwitchPort.of(1, 3), T0.plusSeconds(3));
    assertThat(third.events().get(0).type()).isEqualTo(HostEvent.Type.REMOVED);
    assertThat(third.events().get(0).current().mac()).as("the least recently seen goes").isEqualTo(h2);
  }

  @Test
  void aNewAddressIsAnUpdate() {
    observe(store, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    HostEvent e = observe(store, H1, OptionalInt.empty(), Optional.of(IPv4Address.of("10.0.0.9")),
        SwitchPort.of(1, 1), T0).orElseThrow();
    assertThat(e.type()).isEqualTo(HostEvent.Type.UPDATED);
    assertThat(e.current().ipv4()).hasSize(2);
  }

  @Test
  void quietHostsAgeOut() {
    observe(store, H1, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 1), T0);
    MacAddress h2 = MacAddress.of("0a:00:00:00:00:02");
    observe(store, h2, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 2), T0.plusSeconds(50));
    assertThat(store.expire(T0.plusSeconds(60), Duration.ofSeconds(60))).isEmpty();
    assertThat(store.expire(T0.plusSeconds(61), Duration.ofSeconds(60))).extracting(e -> e.current().mac())
        .containsExactly(H1);
    assertThat(store.all()).extracting(h -> h.mac()).containsExactly(h2);
  }

  @Test
  void hostsOnAPortThatWentAwayAreRemoved() {
    observe(store, H1, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 1), T0);
    assertThat(store.removeAttachedWhere(SwitchPort.of(1, 1)::equals)).extracting(HostEvent::type)
        .containsExactly(HostEvent.Type.REMOVED);
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anAddressClaimedByASecondMacStaysWithTheFirst() {
    MacAddress thief = MacAddress.of("0a:00:00:00:00:66");
    observe(store, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    observe(store, thief, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 6), T0.plusSeconds(1));
    assertThat(store.byIpv4(IP1)).extracting(h -> h.mac()).containsExactly(H1);
    assertThat(store.byMac(thief).orElseThrow().ipv4()).isEmpty();
  }

  @Test
  void theHolderKeepsItsAddressUntilItIsForgottenAndTheClaimIsReported() {
    MacAddress newcomer = MacAddress.of("0a:00:00:00:00:77");
    observe(store, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    HostStore.Learnt claim = store.observe(newcomer, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 7),
        T0.plusSeconds(1));
    assertThat(claim.conflict()).hasValueSatisfying(c -> {
      assertThat(c.address()).isEqualTo(IP1);
      assertThat(c.holder().mac()).isEqualTo(H1);
      assertThat(c.claimant().mac()).isEqualTo(newcomer);
      assertThat(c.claimant().attachment()).isEqualTo(SwitchPort.of(1, 7));
    });
    assertThat(store.counts().refusedAddresses()).isEqualTo(1);
    // H1 goes quiet and is forgotten; then the address is free for whoever claims it next.
    store.expire(T0.plusSeconds(61), Duration.ofSeconds(60));
    observe(store, newcomer, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 7), T0.plusSeconds(62));
    assertThat(store.byIpv4(IP1)).extracting(h -> h.mac()).containsExactly(newcomer);
  }

  @Test
  void aHostHoldsABoundedNumberOfAddresses() {
    for (int i = 1; i <= HostStore.MAX_ADDRESSES_PER_HOST + 5; i++) {
      observe(store, H1, OptionalInt.empty(), Optional.of(IPv4Address.of("10.1.0." + i)), SwitchPort.of(1, 1), T0);
    }
    assertThat(store.byMac(H1).orElseThrow().ipv4()).hasSize(HostStore.MAX_ADDRESSES_PER_HOST);
    assertThat(store.counts().refusedAddresses()).isEqualTo(5);
  }

  @Test
  void aMacSprayEvictsTheLeastRecentlySeenAndTheTableStaysBounded() {
    HostStore small = new HostStore(3, hostFacing::put);
    observe(small, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    MacAddress h2 = MacAddress.of("0a:00:00:00:00:02");
    observe(small, h2, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 2), T0.plusSeconds(1));
    observe(small, H1, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 1), T0.plusSeconds(2)); // H1 again
    List<HostEvent> removed = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      HostStore.Learnt l = small.observe(MacAddress.of(0x0200_0000_0000L + i), OptionalInt.empty(), Optional.empty(),
          SwitchPort.of(1, 9), T0.plusSeconds(3 + i));
      l.events().stream().filter(e -> e.type() == HostEvent.Type.REMOVED).forEach(removed::add);
    }
    assertThat(small.all()).hasSize(3);
    assertThat(small.counts().evicted()).isEqualTo(999);
    assertThat(removed).extracting(e -> e.current().mac()).startsWith(h2, H1); // least recently seen first
    assertThat(small.byIpv4(IP1)).isEmpty(); // an evicted host's address is free again
  }

  @Test
  void aPortCountsAsHostFacingWhileAHostFirstSeenThereWithAnAddressIsStillThere() {
    observe(store, H1, OptionalInt.empty(), Optional.empty(), SwitchPort.of(1, 1), T0);
    assertThat(hostFacing).isEmpty(); // no ARP yet: a bridge's own port, or a frame that crossed a new link
    observe(store, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(1, 1), T0);
    assertThat(hostFacing).containsEntry(SwitchPort.of(1, 1), true);
    // Seen elsewhere: a move is no first sighting, so the new port does not count (it may be a link's).
    observe(store, H1, OptionalInt.empty(), Optional.of(IP1), SwitchPort.of(2, 3), T0.plusSeconds(1));
    assertThat(hostFacing).containsEntry(SwitchPort.of(1, 1), false).doesNotContainKey(SwitchPort.of(2, 3));
    MacAddress h2 = MacAddress.of("0a:00:00:00:00:02");
    observe(store, h2, OptionalInt.empty(), Optional.of(IPv4Address.of("10.0.0.2")), SwitchPort.of(1, 2), T0);
    assertThat(hostFacing).containsEntry(SwitchPort.of(1, 2), true);
    store.removeAttachedWhere(SwitchPort.of(1, 2)::equals);
    assertThat(hostFacing).containsEntry(SwitchPort.of(1, 2), false);
  }

  /** The one host change a frame made, if any (these frames evict nothing and claim no taken address). */
  private static Optional<HostEvent> observe(HostStore s, MacAddress mac, OptionalInt vlan, Optional<IPv4Address> ip,
      SwitchPort at, Instant now) {
    HostStore.Learnt l = s.observe(mac, vlan, ip, at, now);
    assertThat(l.events()).hasSizeLessThanOrEqualTo(1);
    return l.events().stream().findFirst();
  }
}
