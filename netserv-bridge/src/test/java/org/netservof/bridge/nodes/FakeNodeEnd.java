package org.netservof.bridge.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ChannelSecurity;
import org.netservof.protocol.node.Json;
import org.projectfloodlight.openflow.types.MacAddress;

/** A node agent played by a test: one controller-side connection on an embedded channel, and the node's lines. */
final class FakeNodeEnd implements AutoCloseable {
  final EmbeddedChannel channel;
  private final NodeManager manager;
  private final String nodeNonce = ChannelSecurity.nonce();
  private ChannelMessage.Challenge challenge;
  private ChannelSecurity.Session session;

  FakeNodeEnd(NodeManager manager, NodeChannelConfig config) {
    this.manager = manager;
    this.channel = new EmbeddedChannel(new NodeConnection(manager, config, () -> false));
  }

  /** Sends a registration; answers what the controller said (a challenge, or a refusal). */
  ChannelMessage register(String id, String pool, int weight, SwitchPort at, MacAddress mac) throws Exception {
    channel.writeInbound(Json.line(new ChannelMessage.Register(id, mac.toString(), id + "-eth0", weight, pool,
        List.of("java-modules"), at.dpid().toString(), at.port().getPortNumber(), nodeNonce, null)));
    ChannelMessage answer = readPlain();
    if (answer instanceof ChannelMessage.Challenge c) {
      challenge = c;
    }
    return answer;
  }

  /** Registers as {@code id} with {@code token} from {@code at}: {@link #register}, then {@link #proveAndHello}. */
  void claim(String id, String pool, int weight, String token, SwitchPort at, MacAddress mac) throws Exception {
    register(id, pool, weight, at, mac);
    proveAndHello(id, token, at, mac);
  }

  /** Proves {@code token} for {@code id}, then shows the hello frame through {@code at} from {@code mac}. */
  void proveAndHello(String id, String token, SwitchPort at, MacAddress mac) {
    proveAndHello(id, token, at, mac, manager);
  }

  /** As {@link #proveAndHello}, with the hello frame coming up at {@code seenBy} (the switch's master). */
  void proveAndHello(String id, String token, SwitchPort at, MacAddress mac, NodeManager seenBy) {
    channel.writeInbound(Json.line(new ChannelMessage.Proof(ChannelSecurity.nodeProof(token, nodeNonce,
        challenge.nonce(), id))));
    session = ChannelSecurity.Session.forNode(token, nodeNonce, challenge.nonce(), id);
    seenBy.hellos().seen(challenge.nonce(), at, mac);
    channel.runPendingTasks();
  }

  /** The next line the controller sent, plain or sealed; null when there is none. */
  ChannelMessage next() throws Exception {
    channel.runPendingTasks();
    String line = channel.readOutbound();
    if (line == null) {
      return null;
    }
    return line.startsWith("{") ? Json.read(line.trim(), ChannelMessage.class) : session.open(line.trim());
  }

  ChannelMessage readPlain() throws Exception {
    String line = channel.readOutbound();
    assertThat(line).as("an answer").isNotNull();
    return Json.read(line.trim(), ChannelMessage.class);
  }

  void send(ChannelMessage message) {
    channel.writeInbound(session.seal(message));
    channel.runPendingTasks();
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }
}
