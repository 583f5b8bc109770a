package org.netservof.rest.netserv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilterJsonTest {
  @Test
  void aFilterGoesToSteeringAndComesBackTheSame() {
    FilterJson json = new FilterJson("udp", Optional.of("10.0.0.0/24"), Optional.of("10.0.0.2/32"),
        Optional.of("5060-5070"));
    assertThat(FilterJson.of(json.toFilter())).isEqualTo(json);
    FilterJson icmp = new FilterJson("icmp", Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(FilterJson.of(icmp.toFilter())).isEqualTo(icmp);
  }

  @Test
  void whatSteeringCannotRenderIsRefusedWithTheReason() {
    assertThatThrownBy(() -> new FilterJson("sctp", Optional.empty(), Optional.empty(), Optional.empty()).toFilter())
        .hasMessageContaining("protocol 'sctp'");
    assertThatThrownBy(() -> new FilterJson("icmp", Optional.empty(), Optional.empty(), Optional.of("80")).toFilter())
        .hasMessageContaining("needs protocol tcp or udp");
    assertThatThrownBy(() -> new FilterJson("udp", Optional.of("10.0.0.300/32"), Optional.empty(), Optional.empty())
        .toFilter()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServicesResource.modeOf(Optional.of("eager"))).hasMessageContaining("'eager'");
  }
}
