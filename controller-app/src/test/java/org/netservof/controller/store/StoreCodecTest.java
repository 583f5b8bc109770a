package org.netservof.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.staticentry.StaticEntry;
import org.netservof.controller.api.store.Versioned;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv4AddressWithMask;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/** Every stored value reads back equal to what was written. */
class StoreCodecTest {
  private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);
  private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00.123456789Z");

  /** Loxi's values as a stored record may hold them. */
  record Addresses(DatapathId dpid, MacAddress mac, IPv4Address ip, IPv4AddressWithMask prefix, OFPort port,
      OFPort local, U64 cookie, Optional<Instant> deadline, Duration ttl) {}

  private static <V> Versioned<V> roundTrip(Class<V> type, V value) {
    StoreCodec<String, V> codec = StoreCodec.of(StoreCodec.mapper(), String.class, type);
    Versioned<V> written = new Versioned<>(value, 7, Optional.of(T0));
    return codec.value(codec.value(written));
  }

  @Test
  void loxiValuesAndTimesReadBackExactlyAndReadAsText() {
    Addresses a = new Addresses(DatapathId.of("00:00:00:00:00:00:00:0a"), MacAddress.of("02:00:00:00:00:01"),
        IPv4Address.of("10.0.0.1"), IPv4AddressWithMask.of("10.0.0.0/24"), OFPort.of(4242),
        OFPort.LOCAL, U64.of(-1L), Optional.of(T0), Duration.ofMinutes(90));
    assertThat(roundTrip(Addresses.class, a).value()).isEqualTo(a);
    String json = StoreCodec.of(StoreCodec.mapper(), String.class, Addresses.class)
        .value(new Versioned<>(a, 1, Optional.empty()));
    assertThat(json).contains("\"00:00:00:00:00:00:00:0a\"").contains("\"10.0.0.0/24\"")
        .contains("\"18446744073709551615\"").contains("\"2026-12-01T00:00:00.123456789Z\"");
  }

  @Test
  void staticEntriesOfBothVersionsReadBackAsTheSameMessages() {
    StaticEntry flow = new StaticEntry("f1", DatapathId.of(1), true, List.of(
        OF13.buildFlowAdd().setXid(3).setPriority(100).setCookie(U64.of(0x99L))
            .setMatch(OF13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setMasked(MatchField.IPV4_DST, IPv4AddressWithMask.of("10.0.0.0/24")).build())
            .setInstructions(List.of(OF13.instructions().applyActions(
                List.of(OF13.actions().output(OFPort.of(2), 0xffff))))).build(),
        OF10.buildFlowAdd().setXid(3).setPriority(100)
            .setMatch(OF10.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build())
            .setActions(List.of(OF10.actions().output(OFPort.of(2), 0xffff))).build()));
    StaticEntry group = StaticEntry.of("g1", DatapathId.of(2), false, OF13.buildGroupAdd().setGroup(OFGroup.of(5))
        .setGroupType(OFGroupType.SELECT).setBuckets(List.of(OF13.buildBucket().setWeight(1)
            .setWatchPort(OFPort.ANY).setWatchGroup(OFGroup.ANY)
            .setActions(List.of(OF13.actions().output(OFPort.of(2), 0xffff))).build())).build());
    assertThat(roundTrip(StaticEntry.class, flow)).isEqualTo(new Versioned<>(flow, 7, Optional.of(T0)));
    assertThat(roundTrip(StaticEntry.class, group).value()).isEqualTo(group);
    assertThat(roundTrip(StaticEntry.class, flow).value().forVersion(OFVersion.OF_10)).isPresent();
  }

  @Test
  void keysReadBackAndABadValueIsReportedNotGuessed() {
    StoreCodec<Integer, Addresses> codec = StoreCodec.of(StoreCodec.mapper(), Integer.class, Addresses.class);
    assertThat(codec.key(codec.key(42))).isEqualTo(42);
    assertThatThrownBy(() -> codec.value("{\"value\":{\"dpid\":\"not a dpid\"},\"revision\":1,\"deadline\":null}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not read back")
        .hasMessageContaining("DatapathId");
  }
}
