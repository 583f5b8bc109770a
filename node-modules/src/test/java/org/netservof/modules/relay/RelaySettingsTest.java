package org.netservof.modules.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RelaySettingsTest {
  @Test
  void readsRangesListsAndDefaults() throws Exception {
    RelaySettings s = RelaySettings.of(Map.of());
    assertThat(s.port()).isEqualTo(3478);
    assertThat(s.relayPorts()).hasSize(8).startsWith(49152).endsWith(49159);
    assertThat(s.maxAllocations()).isEqualTo(8);
    assertThat(s.relayAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
    assertThat(RelaySettings.relayPorts("5000, 5002,5001")).containsExactly(5000, 5002, 5001);
    assertThat(RelaySettings.of(Map.of("relay-address", "10.0.0.100")).relayAddress())
        .isEqualTo(InetAddress.getByName("10.0.0.100"));
  }

  @Test
  void refusesWhatItCannotKeepTo() {
    for (Map<String, String> bad : List.of(Map.of("relay-ports", "5000-4000"), Map.of("relay-ports", "1-40"),
        Map.of("relay-ports", "5000,5000"), Map.of("relay-ports", "70000"), Map.of("relay-ports", "a-b"),
        Map.of("relay-ports", "3478-3480"), Map.of("relay-ports", "5000-5001", "max-allocations", "3"),
        Map.of("default-lifetime", "600", "max-lifetime", "60"), Map.of("relay-address", "10.0.0"),
        Map.of("relay-address", "10.0.0.256"), Map.of("relay-address", "host.example"),
        Map.of("clients", "10.0.0.0"), Map.of("clients", "10.0.0.0/33"), Map.of("clients", "x/8"),
        Map.of("clients", "10.0.0.0/8,".repeat(33)))) {
      assertThatThrownBy(() -> RelaySettings.of(bad)).as(bad.toString()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("property ");
    }
    assertThatThrownBy(() -> RelaySettings.relayPorts(String.join(",", IntStream.range(5000, 5033)
        .mapToObj(String::valueOf).toList()))).hasMessageContaining("at most 32");
  }

  @Test
  void clientsAreIpv4Prefixes() throws Exception {
    ClientPrefixes clients = ClientPrefixes.of("10.0.0.0/24, 192.0.2.7/32");
    assertThat(clients.contains(InetAddress.getByName("10.0.0.200"))).isTrue();
    assertThat(clients.contains(InetAddress.getByName("10.0.1.1"))).isFalse();
    assertThat(clients.contains(InetAddress.getByName("192.0.2.7"))).isTrue();
    assertThat(clients.contains(InetAddress.getByName("192.0.2.8"))).isFalse();
    assertThat(clients.contains(InetAddress.getByName("::1"))).isFalse();
    assertThat(ClientPrefixes.of("10.0.0.9/8").contains(InetAddress.getByName("10.200.0.1"))).as("host bits ignored")
        .isTrue();
    assertThat(ClientPrefixes.of("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.1"))).isTrue();
  }
}
