package org.netservof.protocol.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelSecurityTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private final String nodeNonce = ChannelSecurity.nonce();
  private final String controllerNonce = ChannelSecurity.nonce();

  @Test
  void proofsDependOnTheTokenTheNoncesTheNodeAndTheRole() {
    String node = ChannelSecurity.nodeProof(TOKEN, nodeNonce, controllerNonce, "n1");
    assertThat(node).hasSize(64).isEqualTo(ChannelSecurity.nodeProof(TOKEN, nodeNonce, controllerNonce, "n1"));
    assertThat(ChannelSecurity.controllerProof(TOKEN, nodeNonce, controllerNonce, "n1")).as("role").isNotEqualTo(node);
    assertThat(ChannelSecurity.nodeProof(TOKEN + "x", nodeNonce, controllerNonce, "n1")).isNotEqualTo(node);
    assertThat(ChannelSecurity.nodeProof(TOKEN, ChannelSecurity.nonce(), controllerNonce, "n1")).isNotEqualTo(node);
    assertThat(ChannelSecurity.nodeProof(TOKEN, nodeNonce, controllerNonce, "n2")).isNotEqualTo(node);
    // Parts are length-prefixed: moving a character from one part to the next changes the proof.
    assertThat(ChannelSecurity.nodeProof(TOKEN, "ab", "c", "n1")).isNotEqualTo(ChannelSecurity.nodeProof(TOKEN, "a",
        "bc", "n1"));
    assertThat(ChannelSecurity.matches(node, node)).isTrue();
    assertThat(ChannelSecurity.matches(node, null)).isFalse();
    assertThat(ChannelSecurity.nonce()).hasSize(32).isNotEqualTo(ChannelSecurity.nonce());
  }

  @Test
  void sealedLinesCarryMessagesOneWayInOrder() throws Exception {
    ChannelSecurity.Session node = ChannelSecurity.Session.forNode(TOKEN, nodeNonce, controllerNonce, "n1");
    ChannelSecurity.Session controller = ChannelSecurity.Session.forController(TOKEN, nodeNonce, controllerNonce, "n1");
    ChannelMessage heartbeat = new ChannelMessage.Heartbeat(List.of());
    ChannelMessage leaving = new ChannelMessage.Leaving("bye");
    assertThat(controller.open(node.seal(heartbeat))).isEqualTo(heartbeat);
    assertThat(controller.open(node.seal(leaving))).isEqualTo(leaving);
    assertThat(node.open(controller.seal(new ChannelMessage.Remove(7, "alice", "NetMonitor_1.0"))))
        .isEqualTo(new ChannelMessage.Remove(7, "alice", "NetMonitor_1.0"));
  }

  @Test
  void forgedReplayedReflectedOrUnsealedLinesAreRefused() throws Exception {
    ChannelSecurity.Session node = ChannelSecurity.Session.forNode(TOKEN, nodeNonce, controllerNonce, "n1");
    ChannelSecurity.Session controller = ChannelSecurity.Session.forController(TOKEN, nodeNonce, controllerNonce, "n1");
    String install = controller.seal(new ChannelMessage.Install(1, "alice", 3001, "NetMonitor_1.0",
        "http://10.0.0.9/m.jar", "a".repeat(64), java.util.Map.of(), List.of("udp:3478")));

    assertThatThrownBy(() -> node.open(install.replace("3001", "3002"))).isInstanceOf(SecurityException.class)
        .hasMessageContaining("MAC");
    assertThatThrownBy(() -> controller.open(install)).as("a controller line sent back to the controller")
        .isInstanceOf(SecurityException.class);
    assertThat(node.open(install)).isInstanceOf(ChannelMessage.Install.class);
    assertThatThrownBy(() -> node.open(install)).as("replayed").isInstanceOf(SecurityException.class)
        .hasMessageContaining("replayed");
    assertThatThrownBy(() -> node.open(Json.line(new ChannelMessage.Heartbeat(List.of()))))
        .isInstanceOf(SecurityException.class).hasMessageContaining("unsealed");
    ChannelSecurity.Session otherToken = ChannelSecurity.Session.forController(TOKEN + "!", nodeNonce,
        controllerNonce, "n1");
    assertThatThrownBy(() -> node.open(otherToken.seal(new ChannelMessage.Heartbeat(List.of()))))
        .isInstanceOf(SecurityException.class);
  }
}
