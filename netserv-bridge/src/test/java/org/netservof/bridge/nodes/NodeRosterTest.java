package org.netservof.bridge.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.SteeringException;

/** {@code node-agents}, read: a token of its own for every node, and entries that say where nodes are. */
class NodeRosterTest {
  @TempDir
  Path dir;

  private String token(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text + "\n").toString();
  }

  @Test
  void twoNodesWithOneTokenAreRefusedNamingBoth() throws Exception {
    String shared = token("shared", "0123456789abcdef0123");
    assertThatThrownBy(() -> NodeRoster.read(List.of(
        new NodeAgentConfig("n1", shared, "pool", "00:00:00:00:00:00:00:01", 11, 1),
        new NodeAgentConfig("n2", shared, "pool", "00:00:00:00:00:00:00:01", 12, 1))))
        .isInstanceOf(SteeringException.class)
        .hasMessage("node-agents.n2: the same token as node n1; give every node a token of its own, or either could "
            + "register as the other");
  }

  @Test
  void badEntriesAreRefusedWithTheirPath() throws Exception {
    String good = token("n1", "0123456789abcdef0123");
    assertThatThrownBy(() -> NodeRoster.read(List.of(new NodeAgentConfig("n1", token("short", "abc"), "pool",
        "00:00:00:00:00:00:00:01", 11, 1)))).hasMessageStartingWith("node-agents.n1: token-file ")
        .hasMessageContaining("holds a token of 3 characters");
    assertThatThrownBy(() -> NodeRoster.read(List.of(new NodeAgentConfig("n1", good, "pool", "switch-1", 11, 1))))
        .hasMessage("node-agents.n1: dpid 'switch-1' is not 8 colon-separated bytes");
    assertThatThrownBy(() -> NodeRoster.read(List.of(new NodeAgentConfig("n1", good, "pool",
        "00:00:00:00:00:00:00:01", 0, 1)))).hasMessage("node-agents.n1: port 0 is not a physical switch port");
    assertThatThrownBy(() -> NodeRoster.read(List.of(new NodeAgentConfig("n1", good, "pool",
        "00:00:00:00:00:00:00:01", 11, 0)))).hasMessage("node-agents.n1: node weight must be in 1..65535, was 0");
    assertThatThrownBy(() -> NodeRoster.read(List.of(new NodeAgentConfig("n1", good, "pool",
        "00:00:00:00:00:00:00:01", 11, 1, "10.0.0.300")))).hasMessage("node-agents.n1: service-address '10.0.0.300' "
        + "is not an IPv4 address");
    assertThatThrownBy(() -> NodeRoster.read(List.of(new NodeAgentConfig("n1", good, "pool",
        "00:00:00:00:00:00:00:01", 11, 1, "255.255.255.255")))).hasMessage("node-agents.n1: service-address "
        + "'255.255.255.255' is not a unicast host address");
  }

  @Test
  void anEntryNeverPrintsItsToken() throws Exception {
    NodeRoster roster = NodeRoster.read(List.of(new NodeAgentConfig("n1", token("n1", "secret-0123456789abcdef"),
        "pool", "00:00:00:00:00:00:00:01", 11, 3)));
    assertThat(roster.entry("n1").orElseThrow().toString()).doesNotContain("secret")
        .isEqualTo("pool pool at 00:00:00:00:00:00:00:01/11 weight 3");
  }
}
