package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.config.ConfigException;
import org.netservof.controller.config.ConfigLoader;

/** A mistake in the {@code users} section is told in the file's words, not Jackson's. */
class UserConfigErrorsTest {
  @TempDir
  Path dir;

  @Test
  void aUserWithoutMaxServicesIsNamedWithTheMissingField() throws Exception {
    Path f = Files.writeString(dir.resolve("controller.yaml"), """
        users:
          - name: alice
            public-key-file: alice.pub
            filter-prefixes: [10.0.0.0/8]
            protocols: [udp]
            max-rate-kbps: 0
        """);
    assertThatThrownBy(() -> new ConfigLoader().load(Optional.of(f), Map.of(), new SignalingModule().configKeys()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(f + ": users.alice: missing field 'max-services' (a whole number)");
  }

  @Test
  void listenPortsAreOptionalAndAWrongEntryIsNamed() throws Exception {
    String user = """
        users:
          - name: alice
            public-key-file: alice.pub
            filter-prefixes: [10.0.0.0/8]
            protocols: [udp]
            max-services: 1
            max-rate-kbps: 0
        """;
    Path without = Files.writeString(dir.resolve("without.yaml"), user);
    assertThat(new ConfigLoader().load(Optional.of(without), Map.of(), new SignalingModule().configKeys())
        .get(SignalingModule.USERS).get(0).listenPorts()).isEmpty();
    Path with = Files.writeString(dir.resolve("with.yaml"), user + "    listen-ports: [udp:3478, tcp:8080]\n");
    assertThat(new ConfigLoader().load(Optional.of(with), Map.of(), new SignalingModule().configKeys())
        .get(SignalingModule.USERS).get(0).listenPorts()).containsExactly("udp:3478", "tcp:8080");
  }
}
