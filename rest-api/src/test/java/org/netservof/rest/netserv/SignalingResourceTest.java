package org.netservof.rest.netserv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.ServiceUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.SignalingService;
import org.netservof.bridge.api.SignalingStats;
import org.netservof.rest.server.RestServices;

/** The signaling counters as the API shows them, and a clear 503 when signaling does not run. */
class SignalingResourceTest {
  private static RestServices with(Optional<SignalingService> signaling) {
    return new RestServices(null, null, null, null, null, null, null, Optional.empty(), Optional.empty(), signaling,
        null, Clock.systemUTC(), Instant.EPOCH);
  }

  @Test
  void theCountersAreSignalingsOwn() {
    SignalingStats stats = new SignalingStats(10, 1, 6, 1, 0, 0, 0, 1, 1, 2, 1, 1024, 2, 10_000);
    assertThat(new SignalingResource(with(Optional.of(() -> stats))).stats()).isEqualTo(stats);
  }

  @Test
  void withoutSignalingTheAnswerSaysSo() {
    assertThatThrownBy(() -> new SignalingResource(with(Optional.empty())).stats())
        .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("signaling module does not run");
  }
}
