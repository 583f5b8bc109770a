package org.netservof.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netservof.controller.api.fabric.Host;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

class DeviceQueryTest {
  private static final Host H1 = new Host(MacAddress.of("00:00:00:00:00:01"), OptionalInt.empty(),
      Set.of(IPv4Address.of("10.0.0.1")), SwitchPort.of(1, 1), Instant.EPOCH, Instant.ofEpochMilli(1795499677115L));
  private static final Host H4 = new Host(MacAddress.of("00:00:00:00:00:04"), OptionalInt.of(10),
      Set.of(IPv4Address.of("10.0.0.4")), SwitchPort.of(3, 12), Instant.EPOCH, Instant.EPOCH);

  private static List<Host> query(Map<String, String> params) {
    DeviceQuery q = DeviceQuery.parse(params);
    return List.of(H1, H4).stream().filter(q::matches).toList();
  }

  @Test
  void noParametersMatchEveryHost() {
    assertThat(query(Map.of())).containsExactly(H1, H4);
  }

  @Test
  void exactFiltersAreAnded() {
    assertThat(query(Map.of("ipv4", "10.0.0.4"))).containsExactly(H4);
    assertThat(query(Map.of("mac", "00:00:00:00:00:01", "dpid", "00:00:00:00:00:00:00:01", "port", "1")))
        .containsExactly(H1);
    assertThat(query(Map.of("mac", "00:00:00:00:00:01", "port", "2"))).isEmpty();
    assertThat(query(Map.of("vlan", "10"))).containsExactly(H4);
    assertThat(query(Map.of("vlan", "0"))).containsExactly(H1);
    assertThat(query(Map.of("ipv6", "fe80::1"))).isEmpty();
  }

  @Test
  void prefixFiltersCompareWithTheValuesAsWritten() {
    assertThat(query(Map.of("ipv4__startswith", "10.0.0."))).containsExactly(H1, H4);
    assertThat(query(Map.of("mac__startswith", "00:00:00:00:00:0", "port__startswith", "1"))).containsExactly(H1, H4);
    assertThat(query(Map.of("port__startswith", "12"))).containsExactly(H4);
    assertThat(query(Map.of("dpid__startswith", "00:00:00:00:00:00:00:03"))).containsExactly(H4);
    assertThat(query(Map.of("vlan__startswith", "0xa"))).containsExactly(H4);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mac|00:00:00:00:01|" + DeviceQuery.MAC_ERROR,
      "vlan|4096|" + DeviceQuery.VLAN_ERROR,
      "vlan|x|" + DeviceQuery.VLAN_ERROR,
      "ipv4|10.0.0|" + DeviceQuery.IPV4_ERROR,
      "ipv6|fe80:::1:x|" + DeviceQuery.IPV6_ERROR,
      "dpid|00:01|" + DeviceQuery.DPID_ERROR,
      "port|-1|" + DeviceQuery.PORT_ERROR})
  void aBadValueIsRefusedWithFloodlightsMessage(String name, String value, String message) {
    assertThatThrownBy(() -> DeviceQuery.parse(Map.of(name, value)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void aDeviceHasFloodlightsFields() {
    assertThat(DeviceResource.device(H1)).isEqualTo(Map.of("entityClass", "DefaultEntityClass",
        "mac", List.of("00:00:00:00:00:01"), "ipv4", List.of("10.0.0.1"), "ipv6", List.of(),
        "vlan", List.of("0x0"), "attachmentPoint", List.of(Map.of("switch", "00:00:00:00:00:00:00:01", "port", "1")),
        "lastSeen", 1795499677115L));
  }

  @Test
  void dpidsParseInFloodlightsFormsAndRefuseTheRest() {
    assertThat(FloodlightIds.parseDpid("00:00:00:00:00:00:00:0a").getLong()).isEqualTo(10);
    assertThat(FloodlightIds.parseDpid("10").getLong()).isEqualTo(10);
    for (String bad : List.of("zz", "00:00:00:00:00:00:01", "00:00:00:00:00:00:00:001", "", "-1")) {
      assertThatThrownBy(() -> FloodlightIds.parseDpid(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid switch DPID");
    }
  }
}
