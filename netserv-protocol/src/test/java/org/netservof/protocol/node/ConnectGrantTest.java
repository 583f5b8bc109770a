package org.netservof.protocol.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectGrantTest {
  private final ConnectGrant grant = ConnectGrant.parse(List.of("10.0.0.0/24:80", "192.0.2.7/32:8000-8100"));

  private static InetAddress ip(String dotted) throws Exception {
    return InetAddress.getByName(dotted);
  }

  @Test
  void grantsAddressesInsideThePrefixOnTheListedPortsOnly() throws Exception {
    assertThat(grant.entries()).containsExactly("10.0.0.0/24:80", "192.0.2.7/32:8000-8100");
    assertThatCode(() -> grant.check("alice", ip("10.0.0.1"), 80)).doesNotThrowAnyException();
    assertThatCode(() -> grant.check("alice", ip("10.0.0.255"), 80)).doesNotThrowAnyException();
    assertThatCode(() -> grant.check("alice", ip("192.0.2.7"), 8000)).doesNotThrowAnyException();
    assertThatCode(() -> grant.check("alice", ip("192.0.2.7"), 8100)).doesNotThrowAnyException();
    for (String[] refused : new String[][] {{"10.0.1.1", "80"}, {"10.0.0.1", "81"}, {"10.0.0.1", "79"},
        {"192.0.2.8", "8000"}, {"192.0.2.7", "7999"}, {"192.0.2.7", "8101"}, {"9.255.255.255", "80"}}) {
      assertThatThrownBy(() -> grant.check("alice", ip(refused[0]), Integer.parseInt(refused[1])))
          .isInstanceOf(SecurityException.class)
          .hasMessageContaining("user 'alice' may not connect to " + refused[0] + ":" + refused[1])
          .hasMessageContaining("names only 10.0.0.0/24:80, 192.0.2.7/32:8000-8100");
    }
  }

  @Test
  void anEmptyOrAbsentGrantPermitsNothingAndSaysSo() throws Exception {
    for (ConnectGrant none : List.of(ConnectGrant.parse(null), ConnectGrant.parse(List.of()))) {
      assertThatThrownBy(() -> none.check("bob", ip("10.0.0.1"), 80)).isInstanceOf(SecurityException.class)
          .hasMessageContaining("connect-to grant is empty");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "169.254.1.1", "0.0.0.0", "0.1.2.3", "224.0.0.1",
      "239.1.1.1", "255.255.255.255"})
  void loopbackLinkLocalMulticastAndUnspecifiedAreRefusedWhateverTheGrant(String target) throws Exception {
    ConnectGrant everything = ConnectGrant.parse(List.of("0.0.0.0/0:1-65535"));
    assertThatThrownBy(() -> everything.check("alice", ip(target), 80)).isInstanceOf(SecurityException.class)
        .hasMessageContaining("never granted");
  }

  @Test
  void ipv6DestinationsAreRefused() throws Exception {
    assertThatThrownBy(() -> ConnectGrant.parse(List.of("0.0.0.0/0:80")).check("alice", ip("::1"), 80))
        .isInstanceOf(SecurityException.class).hasMessageContaining("only IPv4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/24", "10.0.0.0:80", "10.0.0.0/33:80", "10.0.0.1/24:80", "256.0.0.0/8:80",
      "10.0.0.0/24:0", "10.0.0.0/24:65536", "10.0.0.0/24:99999", "10.0.0.0/24:90-80", "10.0.0.0/24:80-",
      "10.0.0.0/24:-80", "tcp:80", "example.org/32:80", "10.0.0/24:80", " 10.0.0.0/24:80", "10.0.0.0/24:80,81",
      "10.0.0.0/24:80 ", "", "::/0:80", "10.0.0.0/-1:80"})
  void refusesMalformedEntriesNamingThem(String entry) {
    assertThatThrownBy(() -> ConnectGrant.parse(List.of("10.0.0.0/24:80", entry)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect-to: '" + entry + "'");
  }

  @Test
  void refusesNullEntriesAndTooManyEntries() {
    assertThatThrownBy(() -> ConnectGrant.parse(Collections.singletonList(null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'null'");
    List<String> many = java.util.stream.IntStream.rangeClosed(1, ConnectGrant.MAX_RULES + 1)
        .mapToObj(i -> "10.0.0.0/24:" + i).toList();
    assertThatThrownBy(() -> ConnectGrant.parse(many)).hasMessageContaining("at most 64");
  }

  @Test
  void theNodeChannelCarriesBothGrantsInOneListAndReadsThemBack() {
    NodeGrant both = NodeGrant.parse(List.of("tcp:8080", "connect:10.0.0.0/24:80"));
    assertThat(both.listen().entries()).containsExactly("tcp:8080");
    assertThat(both.connect().entries()).containsExactly("10.0.0.0/24:80");
    assertThat(NodeGrant.parse(both.entries())).isEqualTo(both);
    assertThatThrownBy(() -> NodeGrant.parse(List.of("connect:tcp:80"))).hasMessageContaining("connect-to");
    assertThatThrownBy(() -> NodeGrant.parse(List.of("10.0.0.0/24:80"))).hasMessageContaining("listen-ports");
  }

  @Test
  void withinTellsAManagementNetworkApart() throws Exception {
    assertThat(ConnectGrant.within(ip("192.168.56.9"), ip("192.168.56.1"), 24)).isTrue();
    assertThat(ConnectGrant.within(ip("192.168.57.9"), ip("192.168.56.1"), 24)).isFalse();
    assertThat(ConnectGrant.within(ip("192.168.57.9"), ip("192.168.56.1"), 0)).isTrue();
  }
}
