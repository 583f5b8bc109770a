package org.netservof.controller.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the etcd store turns deadlines into lease TTLs and its timeout into attempts. */
class EtcdTimingTest {
  private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

  @Test
  void aLeaseLastsAtLeastUntilItsDeadlineInWholeSeconds() {
    assertThat(EtcdLeases.ttlSeconds(NOW, NOW.plusSeconds(3))).isEqualTo(3);
    assertThat(EtcdLeases.ttlSeconds(NOW, NOW.plusMillis(1_200))).as("rounded up, never early").isEqualTo(2);
    assertThat(EtcdLeases.ttlSeconds(NOW, NOW.minusSeconds(30))).as("already due: etcd's shortest").isEqualTo(1);
    assertThat(EtcdLeases.ttlSeconds(NOW, NOW.plus(Duration.ofDays(2)))).isEqualTo(172_800);
  }

  @Test
  void anAttemptIsAThirdOfTheTimeoutButNotUnderASecondUnlessTheTimeoutIs() {
    assertThat(EtcdRequestDeadline.attempt(Duration.ofSeconds(6))).isEqualTo(Duration.ofSeconds(2));
    assertThat(EtcdRequestDeadline.attempt(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
    assertThat(EtcdRequestDeadline.attempt(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void onlyAMissingLeaderOrMemberOrAnAttemptsTimeIsSentAgain() {
    assertThat(EtcdCalls.retryable(Status.UNAVAILABLE.withDescription("no leader").asRuntimeException())).isTrue();
    assertThat(EtcdCalls.retryable(new RuntimeException(Status.DEADLINE_EXCEEDED.asRuntimeException()))).isTrue();
    assertThat(EtcdCalls.retryable(Status.PERMISSION_DENIED.asRuntimeException())).isFalse();
    assertThat(EtcdCalls.retryable(Status.INVALID_ARGUMENT.asRuntimeException())).isFalse();
  }

  /**
   * gRPC's Netty transport fails a call whose connection closes under it (the member it went to was killed) as
   * UNKNOWN "channel closed": a member gone, as UNAVAILABLE is (local CI run: EtcdStoreClusterIT's write right
   * after a member's kill failed instead of going to another member). Other UNKNOWN failures are not retried.
   */
  @Test
  void aCallWhoseMembersConnectionClosedUnderItIsSentAgain() {
    assertThat(EtcdCalls.retryable(new RuntimeException(Status.UNKNOWN.withDescription("channel closed")
        .asRuntimeException()))).isTrue();
    assertThat(EtcdCalls.retryable(Status.UNKNOWN.withDescription("something else").asRuntimeException()))
        .isFalse();
  }
}
