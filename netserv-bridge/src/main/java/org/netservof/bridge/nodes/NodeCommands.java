package org.netservof.bridge.nodes;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.netservof.bridge.api.SteeringException;
import org.netservof.protocol.node.ChannelMessage;

/** Commands sent to nodes, each awaiting the node's result under a request id, failed when the node goes. */
final class NodeCommands {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** A command sent to a node, awaiting its result. */
  private record Pending(String nodeId, CompletableFuture<Void> done) {}

  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong requestIds = new AtomicLong();

  /** A request id for a message that expects no answer. */
  long nextId() {
    return requestIds.incrementAndGet();
  }

  CompletableFuture<Void> send(String nodeId, NodeConnection connection, LongFunction<ChannelMessage> message) {
    return send(nodeId, connection, message, COMMAND_TIMEOUT);
  }

  /** Sends a command that fails (with a TimeoutException) when not answered within {@code timeout}. */
  CompletableFuture<Void> send(String nodeId, NodeConnection connection, LongFunction<ChannelMessage> message,
      Duration timeout) {
    long id = nextId();
    CompletableFuture<Void> done = new CompletableFuture<>();
    pending.put(id, new Pending(nodeId, done));
    done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, error) -> pending.remove(id));
    connection.send(message.apply(id));
    return done;
  }

  /** A node answered a command; only the node the command went to can answer it. */
  void result(String fromNode, ChannelMessage.Result result) {
    Pending p = pending.get(result.requestId());
    if (p == null || !p.nodeId().equals(fromNode) || !pending.remove(result.requestId(), p)) {
      return;
    }
    if (result.ok()) {
      p.done().complete(null);
    } else {
      p.done().completeExceptionally(new SteeringException("node " + p.nodeId() + ": " + result.error()));
    }
  }

  /** A node went: its unanswered commands fail. */
  void failAll(String nodeId, String reason) {
    pending.entrySet().removeIf(e -> {
      if (e.getValue().nodeId().equals(nodeId)) {
        e.getValue().done().completeExceptionally(new SteeringException("node " + nodeId + " was lost (" + reason
            + ") before it answered"));
        return true;
      }
      return false;
    });
  }
}
