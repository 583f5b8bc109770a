package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The root agent's side of server sockets: what it refuses, and what a flood of refusals costs its log. */
class ServerSocketsTest {
  private final Logger log = (Logger) LoggerFactory.getLogger(ServerSockets.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  ServerSocketsTest() {
    lines.start();
    log.addAppender(lines);
  }

  @AfterEach
  void detach() {
    log.detachAppender(lines);
  }

  @Test
  void theGrantInForceWhenASocketIsAskedForDecidesSoANarrowedOrRevokedGrantRefusesAtOnce() {
    ServerSockets servers = new ServerSockets(Optional.empty());
    servers.inForce(Map.of("alice", List.of("udp:3478", "tcp:80")));
    assertThatThrownBy(() -> servers.open("alice", "tcp", 80)).as("granted: it gets as far as the address")
        .isInstanceOf(IOException.class).hasMessageContaining("no service address");
    servers.inForce(Map.of("alice", List.of("udp:3478")));
    assertThatThrownBy(() -> servers.open("alice", "tcp", 80)).isInstanceOf(SecurityException.class)
        .hasMessage("user 'alice' may not listen on tcp:80: the user's listen-ports grant names only udp:3478");
    servers.inForce(Map.of());
    assertThatThrownBy(() -> servers.open("alice", "udp", 3478)).as("revoked").isInstanceOf(SecurityException.class);
    servers.inForce(Map.of("alice", List.of("udp:3478")));
    servers.inForce(Map.of("alice", List.of("udp:99999")));
    assertThatThrownBy(() -> servers.open("alice", "udp", 3478)).as("a grant not understood grants nothing")
        .isInstanceOf(SecurityException.class);
  }

  /** A literal address: never resolved. */
  private static InetAddress ip(String dotted) {
    try {
      return InetAddress.getByName(dotted);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static InetSocketAddress at(String dotted, int port) {
    return new InetSocketAddress(ip(dotted), port);
  }

  @Test
  void aConnectionIsMadeOnlyToWhatTheConnectToGrantInForceNames() {
    OwnNetworks management = new OwnNetworks(() -> List.of(
        new OwnNetworks.Network(ip("192.168.56.3"), 24)));
    Inet4Address service = (Inet4Address) ip("10.0.0.100");
    ServerSockets servers = new ServerSockets(Optional.of(service), null, Optional.empty(), management);
    servers.inForce(Map.of("alice", List.of("tcp:80", "connect:10.0.0.0/24:80", "connect:192.168.56.0/24:80",
        "connect:0.0.0.0/0:22")));
    assertThatThrownBy(() -> servers.connect("alice", at("10.0.0.7", 81), 1000)).isInstanceOf(SecurityException.class)
        .hasMessage("user 'alice' may not connect to 10.0.0.7:81: the user's connect-to grant names only "
            + "10.0.0.0/24:80, 192.168.56.0/24:80, 0.0.0.0/0:22");
    assertThatThrownBy(() -> servers.connect("bob", at("10.0.0.7", 80), 1000)).isInstanceOf(SecurityException.class)
        .hasMessageContaining("connect-to grant is empty");
    assertThatThrownBy(() -> servers.connect("alice", at("192.168.56.1", 80), 1000)).as("management, granted or not")
        .isInstanceOf(SecurityException.class).hasMessageContaining("on the node's own network 192.168.56.3/24");
    for (String never : List.of("127.0.0.1", "169.254.169.254")) {
      assertThatThrownBy(() -> servers.connect("alice", at(never, 22), 1000)).isInstanceOf(SecurityException.class)
          .hasMessageContaining("never granted");
    }
    assertThatThrownBy(() -> servers.connect("alice", at("10.0.0.100", 80), 1000)).isInstanceOf(SecurityException.class)
        .hasMessageContaining("this node's own service address");
    servers.inForce(Map.of("alice", List.of("tcp:80")));
    assertThatThrownBy(() -> servers.connect("alice", at("10.0.0.7", 80), 1000)).as("revoked at once")
        .isInstanceOf(SecurityException.class).hasMessageContaining("grant is empty");
  }

  @Test
  void theNodesOwnNetworksAreReadFromItsInterfacesButTheDataPlanes() {
    OwnNetworks all = OwnNetworks.besides(null);
    assertThatThrownBy(() -> all.check("alice", ip("127.0.0.2"), Optional.empty()))
        .as("loopback is an interface of every host").isInstanceOf(SecurityException.class)
        .hasMessageContaining("on the node's own network 127.");
  }

  @Test
  void aContainerAskingForUngrantedPortsInALoopCannotFillTheAgentsLog() {
    ServerSockets servers = new ServerSockets(Optional.empty());
    for (int i = 0; i < 1000; i++) {
      int port = 1000 + i;
      assertThatThrownBy(() -> servers.open("mallory", "udp", port)).isInstanceOf(SecurityException.class)
          .hasMessageContaining("may not listen on udp:" + port);
    }
    assertThat(lines.list.stream().filter(e -> e.getLevel() == Level.WARN).count())
        .as("warnings for 1000 refusals at once").isBetween(1L, 25L);
  }
}
