package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceAddressTest {
  @Test
  void readsAnAddressAndItsPrefixLength() {
    ServiceAddress a = ServiceAddress.parse("10.0.0.100/24");
    assertThat(a.address().getHostAddress()).isEqualTo("10.0.0.100");
    assertThat(a.prefixLength()).isEqualTo(24);
    assertThat(a).hasToString("10.0.0.100/24");
  }

  @Test
  void theAnnouncementIsAGratuitousArpRequestFromTheNode() {
    byte[] mac = {2, 0, 0, 0, 9, 1};
    byte[] frame = ServiceAddress.announcement(mac, ServiceAddress.parse("10.0.0.100/24").address());
    assertThat(java.util.HexFormat.of().formatHex(frame, 0, 42)).isEqualTo("ffffffffffff" + "020000000901" + "0806"
        + "0001" + "0800" + "06" + "04" + "0001" + "020000000901" + "0a000064" + "000000000000" + "0a000064");
    assertThat(frame).hasSize(60);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.100", "10.0.0.100/0", "10.0.0.100/33", "10.0.0.256/24", "0.0.0.0/8",
      "127.0.0.1/8", "224.0.0.1/4", "169.254.1.1/16", "255.255.255.255/32", "host/24", "10.0.0.1/24; reboot",
      "10.0.0.1/24 dev lo", "::1/128", "10.0.0/24", "", "-1.0.0.0/8"})
  void refusesWhatIsNotOneUnicastIpv4AddressWithALength(String text) {
    assertThatThrownBy(() -> ServiceAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--service-address");
  }
}
