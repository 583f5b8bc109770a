package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.protocol.signaling.SignalKeys;

class UserPolicyTest {
  @TempDir
  Path dir;
  private String publicKey;

  @BeforeEach
  void key() throws Exception {
    SignalKeys.generate(dir.resolve("k"));
    publicKey = SignalKeys.publicFile(dir.resolve("k")).toString();
  }

  private UserPolicy policy(List<String> prefixes, List<String> protocols) {
    return UserPolicy.of(new UserConfig("alice", publicKey, prefixes, protocols, 3, 0));
  }

  private static Filter udp(int port) {
    return Filter.of(Protocol.UDP).withDstPorts(PortRange.single(port));
  }

  @Test
  void aFilterMustLieInsideOneGrant() {
    UserPolicy alice = policy(List.of("10.0.0.0/24"), List.of("udp:5060-5070", "tcp"));
    assertThat(alice.permits(udp(5060).withDst("10.0.0.2/32"))).isTrue();
    assertThat(alice.permits(Filter.of(Protocol.TCP).withDst("10.0.0.0/25"))).isTrue();
    assertThat(alice.permits(udp(5060))).as("every destination is wider than the grant").isFalse();
    assertThat(alice.permits(udp(5080).withDst("10.0.0.2/32"))).as("port outside").isFalse();
    assertThat(alice.permits(Filter.of(Protocol.UDP).withDst("10.0.0.2/32"))).as("every port").isFalse();
    assertThat(alice.permits(udp(5060).withDst("10.0.1.2/32"))).as("prefix outside").isFalse();
    assertThat(alice.permits(Filter.of(Protocol.ICMP).withDst("10.0.0.2/32"))).isFalse();
  }

  @Test
  void theWholeAddressSpaceGrantsFiltersWithoutADestination() {
    UserPolicy operator = policy(List.of("0.0.0.0/0"), List.of("any"));
    assertThat(operator.permits(Filter.of(Protocol.ANY))).isTrue();
    assertThat(operator.permits(udp(53).withSrc("192.0.2.0/24"))).isTrue();
  }

  @Test
  void badEntriesAreRefusedWithTheUserAndTheProblem() throws Exception {
    assertThatThrownBy(() -> policy(List.of("10.0.0.1/24"), List.of("udp")))
        .hasMessageContaining("users: 'alice'").hasMessageContaining("host bits");
    assertThatThrownBy(() -> policy(List.of("10.0.0.0/24"), List.of("sctp")))
        .hasMessageContaining("protocol 'sctp'");
    Path notAKey = dir.resolve("not-a-key.pub");
    Files.writeString(notAKey, "hello\n");
    assertThatThrownBy(() -> UserPolicy.of(new UserConfig("alice", notAKey.toString(), List.of(), List.of(), 1, 0)))
        .hasMessageContaining("public-key-file").hasMessageContaining("not a PEM file");
    assertThatThrownBy(() -> UserPolicy.of(new UserConfig("al ice", publicKey, List.of(), List.of(), 1, 0)))
        .hasMessageContaining("name must be");
  }

  @Test
  void listenPortsAreReadIntoTheGrantAndABadOneNamesTheUser() {
    UserConfig c = new UserConfig("alice", publicKey, List.of(), List.of(), 1, 0, List.of("udp:3478", "tcp:8080"));
    assertThat(UserPolicy.of(c).listenGrant().entries()).containsExactly("udp:3478", "tcp:8080");
    assertThat(UserPolicy.of(new UserConfig("alice", publicKey, List.of(), List.of(), 1, 0)).listenGrant()
        .entries()).isEmpty();
    assertThatThrownBy(() -> UserPolicy.of(new UserConfig("alice", publicKey, List.of(), List.of(), 1, 0,
        List.of("udp:3478", "tcp:0-65535")))).hasMessage("users: 'alice': listen-ports: 'tcp:0-65535' is not "
        + "udp:PORT or tcp:PORT");
  }

  @Test
  void connectToIsReadIntoTheGrantCarriedWithListenPortsAndABadOneNamesTheUser() {
    UserConfig c = new UserConfig("alice", publicKey, List.of(), List.of(), 1, 0, List.of("tcp:8080"),
        List.of("10.0.0.0/24:80"));
    assertThat(UserPolicy.of(c).connectGrant().entries()).containsExactly("10.0.0.0/24:80");
    assertThat(UserPolicy.of(c).nodeGrant().entries()).containsExactly("tcp:8080", "connect:10.0.0.0/24:80");
    assertThat(UserPolicy.of(new UserConfig("alice", publicKey, List.of(), List.of(), 1, 0)).connectGrant()
        .entries()).isEmpty();
    assertThatThrownBy(() -> UserPolicy.of(new UserConfig("alice", publicKey, List.of(), List.of(), 1, 0, null,
        List.of("10.0.0.0/24:80", "10.0.0.0/8:0")))).hasMessage("users: 'alice': connect-to: '10.0.0.0/8:0': "
        + "ports must be 1 to 65535, low to high, not 0-0");
  }

  @Test
  void aBadUsersListLeavesTheOldOneInForce() {
    Users users = new Users();
    users.replace(List.of(new UserConfig("alice", publicKey, List.of("10.0.0.0/24"), List.of("udp"), 1, 0)));
    assertThatThrownBy(() -> users.replace(List.of(
        new UserConfig("bob", publicKey, List.of("10.0.0.0/24"), List.of("udp"), 1, 0),
        new UserConfig("bob", publicKey, List.of("10.0.0.0/24"), List.of("udp"), 1, 0))))
        .hasMessageContaining("'bob' is listed twice");
    assertThat(users.get("alice")).isPresent();
    assertThat(users.get("bob")).isEmpty();
  }
}
