package org.netservof.bridge.nodes;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.NodeChannelEvent;
import org.netservof.protocol.node.ChannelMessage;

/**
 * Keeps a live node's id its own: a second registration under the id of a connected node is refused while
 * the connected one answers a ping (as switches are asked with a barrier before a second connection with
 * their DPID may replace them); only one that stays silent is replaced. An event either way.
 */
final class TakeoverGuard {

  /**
   * What the check found.
   *
   * @param refusal why the newcomer is refused, when it is
   * @param silent the connection that did not answer and may be replaced; null when there was none
   */
  record Verdict(Optional<String> refusal, NodeConnection silent, boolean tellNode) {
    Verdict(Optional<String> refusal, NodeConnection silent) {
      this(refusal, silent, true);
    }
  }

  private final NodeCommands commands;
  private final NodeEvents events;

  TakeoverGuard(NodeCommands commands, NodeEvents events) {
    this.commands = commands;
    this.events = events;
  }

  /**
   * The id is held by another member of the cluster: refused, without telling the node (an agent moving
   * between members is told nothing final, and tries the next one), and an event.
   */
  Verdict heldElsewhere(NodeConnection newcomer, String member) {
    String why = "node " + newcomer.nodeId() + " is connected to member " + member;
    events.record(NodeChannelEvent.Type.REFUSED, newcomer, why);
    return new Verdict(Optional.of(why), null, false);
  }

  /**
   * Pings {@code live} (the id's connected node, or null) for {@code newcomer}; completes on a node-channel or
   * timer thread.
   */
  CompletableFuture<Verdict> check(NodeConnection newcomer, NodeConnection live, Duration answerWithin) {
    if (live == null || live == newcomer) {
      return CompletableFuture.completedFuture(new Verdict(Optional.empty(), null));
    }
    return commands.send(live.nodeId(), live, ChannelMessage.Ping::new, answerWithin).handle((ok, silent) -> {
      if (silent == null) {
        events.record(NodeChannelEvent.Type.REFUSED, newcomer, "node " + live.nodeId() + " is connected from "
            + live.address() + " and answers; its id cannot be taken over");
        return new Verdict(Optional.of("node " + live.nodeId() + " is connected and answers"), null);
      }
      events.record(NodeChannelEvent.Type.REPLACED, newcomer, "its connection from " + live.address()
          + " did not answer a ping in " + answerWithin.toMillis() + " ms");
      return new Verdict(Optional.empty(), live);
    });
  }
}
