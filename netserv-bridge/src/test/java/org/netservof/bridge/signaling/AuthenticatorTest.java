package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
  private Authenticator authenticator;

  @BeforeEach
  void users() throws Exception {
    alice = SignalKeys.generate(dir.resolve("alice")).getPrivate();
    mallory = SignalKeys.generate(dir.resolve("mallory")).getPrivate();
    Users users = new Users();
    users.replace(List.of(new UserConfig("alice", SignalKeys.publicFile(dir.resolve("alice")).toString(),
        List.of("10.0.0.0/24"), List.of("udp"), 2, 0)));
    authenticator = new Authenticator(users, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60));
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
}
