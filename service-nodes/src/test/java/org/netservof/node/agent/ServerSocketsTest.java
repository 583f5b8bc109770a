package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
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
