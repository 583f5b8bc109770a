package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.testing.FailingStoreService;
import org.netservof.controller.store.MemoryIntentStore;
import org.netservof.controller.testing.FakeClock;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.protocol.signaling.SignalRequest;

class AuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  @TempDir
  Path dir;
  private PrivateKey alice;
  private PrivateKey mallory;
  private PrivateKey bob;
  private final FakeClock clock = new FakeClock(NOW);
  private final SignalingCounters counters = new SignalingCounters();
  private final Users users = new Users();
  private final MemoryIntentStore<String, SeenNonce> nonces = new MemoryIntentStore<>("signaling-nonces");
  private Authenticator authenticator;

  @BeforeEach
  void users() throws Exception {
    alice = SignalKeys.generate(dir.resolve("alice")).getPrivate();
    mallory = SignalKeys.generate(dir.resolve("mallory")).getPrivate();
    bob = SignalKeys.generate(dir.resolve("bob")).getPrivate();
    users.replace(List.of(user("alice"), user("bob")));
    authenticator = new Authenticator(users, clock, Duration.ofSeconds(60), 3, counters, nonces);
  }

  /** A new authenticator over the same stores: what a controller restarted over its durable store builds. */
  private void restart() {
    authenticator = new Authenticator(users, clock, Duration.ofSeconds(60), 3, new SignalingCounters(), nonces);
  }

  private UserConfig user(String name) {
    return new UserConfig(name, SignalKeys.publicFile(dir.resolve(name)).toString(), List.of("10.0.0.0/24"),
        List.of("udp"), 2, 0);
  }

  private SignalRequest remove(String user, String nonce) {
    return remove(user, nonce, clock.instant().getEpochSecond());
  }

  private static SignalRequest remove(String user, String nonce, long timestamp) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("user", user);
    h.put("nonce", nonce);
    h.put("timestamp", String.valueOf(timestamp));
    return new SignalRequest(Method.REMOVE, "NetMonitor_1.0", h);
  }

  private UserPolicy check(SignalRequest signed) throws Exception {
    byte[] raw = SignalCodec.encode(signed);
    return authenticator.authenticate(SignalCodec.parseRequest(raw), raw);
  }

  @Test
  void aSignedRequestPassesOnceAndItsReplayIsRefused() throws Exception {
    SignalRequest r = SignalKeys.signed(remove("alice", "nonce-000000000001", NOW.getEpochSecond()), alice);
    assertThat(check(r).name()).isEqualTo("alice");
    assertThatThrownBy(() -> check(r)).isInstanceOf(Refusal.class).hasMessageContaining("a replay");
  }

  @Test
  void aForgedOrAlteredRequestIsRefusedAndDoesNotBurnTheNonce() throws Exception {
    SignalRequest forged = SignalKeys.signed(remove("alice", "nonce-000000000002", NOW.getEpochSecond()), mallory);
    assertThatThrownBy(() -> check(forged)).hasMessageContaining("signature does not verify");
    SignalRequest genuine = SignalKeys.signed(remove("alice", "nonce-000000000002", NOW.getEpochSecond()), alice);
    SignalRequest altered = genuine.with("node-id", "n7").without("signature").with("signature",
        genuine.signature().orElseThrow());
    assertThatThrownBy(() -> check(altered)).hasMessageContaining("signature does not verify");
    assertThat(check(genuine).name()).as("the nonce was not used up by the forgeries").isEqualTo("alice");
  }

  @Test
  void staleFutureAndUnknownRequestsAreRefused() {
    SignalRequest stale = SignalKeys.signed(remove("alice", "nonce-000000000003", NOW.getEpochSecond() - 61), alice);
    assertThatThrownBy(() -> check(stale)).hasMessageContaining("outside the 60 s window");
    SignalRequest future = SignalKeys.signed(remove("alice", "nonce-000000000004", NOW.getEpochSecond() + 61), alice);
    assertThatThrownBy(() -> check(future)).hasMessageContaining("outside the 60 s window");
    SignalRequest stranger = SignalKeys.signed(remove("eve", "nonce-000000000005", NOW.getEpochSecond()), alice);
    assertThatThrownBy(() -> check(stranger)).hasMessageContaining("unknown user 'eve'");
  }

  @Test
  void aUserWhoseNonceShareIsFullIsRefusedAndNoEarlierNonceIsForgotten() throws Exception {
    SignalRequest first = SignalKeys.signed(remove("alice", "nonce-100000000001"), alice);
    check(first);
    check(SignalKeys.signed(remove("alice", "nonce-100000000002"), alice));
    check(SignalKeys.signed(remove("alice", "nonce-100000000003"), alice));
    assertThatThrownBy(() -> check(SignalKeys.signed(remove("alice", "nonce-100000000004"), alice)))
        .isInstanceOf(Refusal.class).hasMessageContaining("sent 3 requests within the 60 s window")
        .satisfies(r -> assertThat(((Refusal) r).code()).isEqualTo(429));
    assertThatThrownBy(() -> check(first)).as("the oldest is still remembered: its replay is still refused")
        .hasMessageContaining("a replay");
    assertThat(check(SignalKeys.signed(remove("bob", "nonce-100000000005"), bob)).name())
        .as("bob has a share of his own").isEqualTo("bob");
    assertThat(counters.stats()).satisfies(st -> {
      assertThat(st.nonces()).isEqualTo(4);
      assertThat(st.maxNonces()).isEqualTo(6);
      assertThat(st.nonceLimited()).isEqualTo(1);
      assertThat(st.replayed()).isEqualTo(1);
    });
  }

  @Test
  void aNonceIsForgottenOnceItsTimestampHasLeftTheWindowAndItsReplayIsThenRefusedByTheTimestamp()
      throws Exception {
    SignalRequest old = SignalKeys.signed(remove("alice", "nonce-200000000001"), alice);
    check(old);
    check(SignalKeys.signed(remove("alice", "nonce-200000000002"), alice));
    check(SignalKeys.signed(remove("alice", "nonce-200000000003"), alice));
    clock.advance(Duration.ofSeconds(62));
    assertThat(check(SignalKeys.signed(remove("alice", "nonce-200000000004"), alice)).name())
        .as("the share is free again").isEqualTo("alice");
    assertThat(counters.stats().nonces()).isEqualTo(1);
    assertThatThrownBy(() -> check(old)).hasMessageContaining("outside the 60 s window");
  }

  @Test
  void aRequestVerifiedBeforeARestartIsRefusedAsAReplayAfterIt() throws Exception {
    SignalRequest captured = SignalKeys.signed(remove("alice", "nonce-400000000001"), alice);
    check(captured);
    restart();
    assertThatThrownBy(() -> check(captured)).isInstanceOf(Refusal.class).hasMessageContaining("a replay");
  }

  @Test
  void aUsersShareFilledBeforeARestartIsStillFullAfterItUntilItsWindowPasses() throws Exception {
    for (int i = 1; i <= 3; i++) {
      check(SignalKeys.signed(remove("alice", "nonce-60000000000" + i), alice));
    }
    restart();
    assertThatThrownBy(() -> check(SignalKeys.signed(remove("alice", "nonce-600000000004"), alice)))
        .isInstanceOf(Refusal.class).satisfies(r -> assertThat(((Refusal) r).code()).isEqualTo(429));
    clock.advance(Duration.ofSeconds(62));
    restart();
    assertThat(nonces.all()).as("windows that closed while the controller was down are forgotten").isEmpty();
    assertThat(check(SignalKeys.signed(remove("alice", "nonce-600000000005"), alice)).name()).isEqualTo("alice");
  }

  @Test
  void aNonceTheStoreCannotWriteRefusesTheRequestWith503AndIsNotUsedUp() throws Exception {
    FailingStoreService disk = new FailingStoreService();
    authenticator = new Authenticator(users, clock, Duration.ofSeconds(60), 3, counters,
        disk.open("signaling-nonces", String.class, SeenNonce.class));
    SignalRequest r = SignalKeys.signed(remove("alice", "nonce-500000000001"), alice);
    disk.failing = true;
    assertThatThrownBy(() -> check(r)).isInstanceOf(Refusal.class)
        .hasMessageContaining("the controller cannot record the request")
        .satisfies(e -> assertThat(((Refusal) e).code()).isEqualTo(503));
    assertThat(counters.stats().nonces()).isZero();
    disk.failing = false;
    assertThat(check(r).name()).as("the same request, once the store writes again").isEqualTo("alice");
    assertThatThrownBy(() -> check(r)).hasMessageContaining("a replay");
  }

  @Test
  void forgeriesTakeNoNonceSlot() throws Exception {
    for (int i = 0; i < 10; i++) {
      SignalRequest forged = SignalKeys.signed(remove("alice", String.format("nonce-3%011d", i)), mallory);
      assertThatThrownBy(() -> check(forged)).hasMessageContaining("signature does not verify");
    }
    assertThat(counters.stats().nonces()).isZero();
    assertThat(counters.stats().unauthenticated()).isEqualTo(10);
    assertThat(check(SignalKeys.signed(remove("alice", "nonce-300000000099"), alice)).name()).isEqualTo("alice");
  }
}
