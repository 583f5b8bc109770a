package org.netservof.protocol.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ListenGrantTest {
  private final ListenGrant grant = ListenGrant.parse(List.of("udp:3478", "TCP:8080", "tcp:80"));

  @Test
  void grantsExactlyTheListedProtocolAndPortPairs() {
    assertThat(grant.entries()).containsExactly("udp:3478", "tcp:8080", "tcp:80");
    assertThatCode(() -> grant.check("alice", "udp", 3478)).doesNotThrowAnyException();
    assertThatCode(() -> grant.check("alice", "tcp", 8080)).doesNotThrowAnyException();
    assertThatCode(() -> grant.check("alice", "tcp", 80)).doesNotThrowAnyException();
  }

  @Test
  void refusesEveryOtherPortAndTheOtherProtocolOfAGrantedPort() {
    for (String protocol : List.of("udp", "tcp", "icmp", "UDP", "")) {
      for (int port = 0; port <= 65536; port++) {
        boolean granted = (protocol.equals("udp") && port == 3478)
            || (protocol.equals("tcp") && (port == 8080 || port == 80));
        if (!granted) {
          String p = protocol;
          int n = port;
          assertThatThrownBy(() -> grant.check("alice", p, n)).isInstanceOf(SecurityException.class);
        }
      }
    }
    assertThatThrownBy(() -> grant.check("alice", "tcp", 3478)).hasMessage("user 'alice' may not listen on "
        + "tcp:3478: the user's listen-ports grant names only udp:3478, tcp:8080, tcp:80");
  }

  @Test
  void noGrantPermitsNothingAndSaysSo() {
    for (ListenGrant none : List.of(ListenGrant.NONE, ListenGrant.parse(null), ListenGrant.parse(List.of()))) {
      assertThatThrownBy(() -> none.check("bob", "udp", 3478)).isInstanceOf(SecurityException.class)
          .hasMessage("user 'bob' may not listen on udp:3478: the user's listen-ports grant is empty");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "udp:", ":80", "udp:0", "udp:65536", "udp:99999", "udp:-1", "udp:1-100",
      "sctp:80", "any:80", "udp:80:81", "udp: 80", "udp:0x50", "udp:８０", "udp:80\n", "tcp:*", "udp:1e3",
      "udp:123456", "", " "})
  void refusesEntriesThatAreNotOneProtocolAndOnePort(String entry) {
    assertThatThrownBy(() -> ListenGrant.parse(List.of(entry))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listen-ports");
  }

  @Test
  void refusesANullEntryAndTooManyEntries() {
    assertThatThrownBy(() -> ListenGrant.parse(Arrays.asList("udp:1", null)))
        .hasMessageContaining("'null' is not udp:PORT or tcp:PORT");
    List<String> many = new ArrayList<>(Collections.nCopies(ListenGrant.MAX_PORTS + 1, "udp:1"));
    assertThatThrownBy(() -> ListenGrant.parse(many)).hasMessageContaining("at most 64");
  }

  @Test
  void aPortRecordRefusesWhatTheParserWould() {
    assertThatThrownBy(() -> new ListenGrant.Port("udp", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ListenGrant.Port("raw", 80)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theInstallCarriesTheGrantAndAnOlderInstallWithoutOneGrantsNothing() throws Exception {
    ChannelMessage.Install install = new ChannelMessage.Install(7, "alice", 3001, "Echo_1.0", "http://h/e.jar",
        "a".repeat(64), java.util.Map.of(), grant.entries());
    String line = Json.line(install);
    assertThat(line).contains("\"listenPorts\":[\"udp:3478\",\"tcp:8080\",\"tcp:80\"]").doesNotContain("listenGrant");
    assertThat(((ChannelMessage.Install) Json.read(line, ChannelMessage.class)).listenGrant()).isEqualTo(grant);
    String older = line.replaceAll(",?\"listenPorts\":\\[[^\\]]*\\]", "");
    assertThat(older).doesNotContain("listenPorts");
    assertThat(((ChannelMessage.Install) Json.read(older, ChannelMessage.class)).listenGrant())
        .isEqualTo(ListenGrant.NONE);
  }
}
