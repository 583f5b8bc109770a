package org.netservof.controller.linkdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.fabric.LinkEvent;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;

class LinkStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(7);
  private final LinkStore store = new LinkStore();
  private final Link ab = new Link(SwitchPort.of(1, 1), SwitchPort.of(2, 1));
  private final Link ba = ab.reverse();

  @Test
  void aNewLinkIsAnnouncedOnceAndRefreshedSilently() {
    assertThat(store.observe(ab, T0, Duration.ofMillis(2))).extracting(LinkEvent::type)
        .containsExactly(LinkEvent.Type.ADDED);
    assertThat(store.observe(ab, T0.plusSeconds(2), Duration.ofMillis(3))).isEmpty();
    assertThat(store.info().get(ab).firstSeen()).isEqualTo(T0);
    assertThat(store.info().get(ab).lastSeen()).isEqualTo(T0.plusSeconds(2));
    assertThat(store.info().get(ab).latency()).isEqualTo(Duration.ofMillis(3));
  }

  @Test
  void aLinkTimesOutOnlyWhenProbesStop() {
    store.observe(ab, T0, Duration.ZERO);
    store.observe(ba, T0, Duration.ZERO);
    store.observe(ab, T0.plusSeconds(5), Duration.ZERO);
    assertThat(store.expire(T0.plusSeconds(7), TIMEOUT)).isEmpty();
    assertThat(store.expire(T0.plusSeconds(8), TIMEOUT)).extracting(LinkEvent::link).containsExactly(ba);
    assertThat(store.links()).containsExactly(ab);
    assertThat(store.expire(T0.plusSeconds(13), TIMEOUT)).extracting(LinkEvent::link).containsExactly(ab);
  }

  @Test
  void aPortOrSwitchGoingAwayTakesItsLinksAtOnce() {
    store.observe(ab, T0, Duration.ZERO);
    store.observe(ba, T0, Duration.ZERO);
    Link bc = new Link(SwitchPort.of(2, 2), SwitchPort.of(3, 1));
    store.observe(bc, T0, Duration.ZERO);
    assertThat(store.removePort(SwitchPort.of(1, 1), "port down")).extracting(LinkEvent::link)
        .containsExactly(ab, ba);
    assertThat(store.isLinkPort(SwitchPort.of(1, 1))).isFalse();
    assertThat(store.removeSwitch(DatapathId.of(3), "gone")).extracting(LinkEvent::link).containsExactly(bc);
    assertThat(store.links()).isEmpty();
  }

  @Test
  void aCableMovedToAnotherPortReplacesTheOldLink() {
    store.observe(ab, T0, Duration.ZERO);
    Link moved = new Link(SwitchPort.of(1, 1), SwitchPort.of(3, 4));
    assertThat(store.observe(moved, T0.plusSeconds(1), Duration.ZERO))
        .extracting(LinkEvent::type, LinkEvent::link)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(LinkEvent.Type.REMOVED, ab),
            org.assertj.core.groups.Tuple.tuple(LinkEvent.Type.ADDED, moved));
  }
}
