package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
