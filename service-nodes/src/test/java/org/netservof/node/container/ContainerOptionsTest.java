package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ContainerOptionsTest {
  @Test
  void theAgentsCommandLineIsRead() {
    ContainerOptions o = ContainerOptions.parse("--interface", "eth1", "--vlan", "3001", "--user", "alice", "--work",
        "/w/home", "--packet-socket-on-stdin", "--mac", "02:00:00:00:00:07");
    assertThat(o).isEqualTo(new ContainerOptions("eth1", OptionalInt.of(3001), Optional.empty(), "alice",
        Path.of("/w/home"), 10_000, 100, 2000, true, Optional.of("02:00:00:00:00:07"), false));
  }

  @Test
  void aBenchmarksCommandLineIsReadWithItsOwnLimits() {
    ContainerOptions o = ContainerOptions.parse("--interface", "d0", "--out-interface", "d1", "--user", "bench",
        "--work", "/tmp/b", "--budget-us", "500", "--max-failures", "3", "--hang-ms", "100", "--keep-privileges");
    assertThat(o.vlan()).isEmpty();
    assertThat(o.outInterface()).contains("d1");
    assertThat(o.budgetMicros()).isEqualTo(500);
    assertThat(o.maxFailures()).isEqualTo(3);
    assertThat(o.hangMillis()).isEqualTo(100);
    assertThat(o.keepPrivileges()).isTrue();
    assertThat(o.socketFromAgent()).isFalse();
  }

  @Test
  void eachMistakeIsNamed() {
    assertThatThrownBy(() -> ContainerOptions.parse("--user", "a", "--work", "/w"))
        .hasMessage("--interface is required");
    assertThatThrownBy(() -> ContainerOptions.parse("--interface", "e", "--user", "a", "--work", "/w", "--colour"))
        .hasMessage("unknown option '--colour'");
    assertThatThrownBy(() -> ContainerOptions.parse("--interface", "e", "--user", "a", "--work"))
        .hasMessage("--work needs a value");
    assertThatThrownBy(() -> ContainerOptions.parse("--interface", "e", "--user", "a", "--user", "b", "--work", "/w"))
        .hasMessage("--user is given twice");
    assertThatThrownBy(() -> ContainerOptions.parse("--interface", "e", "--user", "a", "--work", "/w", "--vlan", "x"))
        .hasMessage("--vlan must be a whole number from 0, was 'x'");
    assertThatThrownBy(() -> ContainerOptions.parse("--interface", "e", "--user", "a", "--work", "/w",
        "--packet-socket-on-stdin")).hasMessage("--packet-socket-on-stdin needs --mac");
  }
}
