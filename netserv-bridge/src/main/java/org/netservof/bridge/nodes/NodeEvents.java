package org.netservof.bridge.nodes;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.netservof.bridge.api.AgentListener;
import org.netservof.bridge.api.NodeChannelEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node channel's decisions about identities: logged with the node's id and address, kept (the newest
 * {@link #CAPACITY}, so a flood of refusals cannot grow memory) and told to the agent listeners.
 */
final class NodeEvents {
  static final int CAPACITY = 256;
  private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);

  private final Clock clock;
  private final List<AgentListener> listeners;
  private final Deque<NodeChannelEvent> recent = new ArrayDeque<>();

  NodeEvents(Clock clock, List<AgentListener> listeners) {
    this.clock = clock;
    this.listeners = listeners;
  }

  void record(NodeChannelEvent.Type type, NodeConnection connection, String detail) {
    record(type, connection.nodeId(), connection.address(), detail);
  }

  void record(NodeChannelEvent.Type type, String nodeId, String address, String detail) {
    NodeChannelEvent event = new NodeChannelEvent(clock.instant(), type, nodeId, address, detail);
    switch (type) {
      case REFUSED -> log.warn("node {} from {} refused: {}", nodeId, address, detail);
      case REPLACED -> log.warn("node {} from {} replaces the registration it had: {}", nodeId, address, detail);
      case OVERRULED -> log.warn("node {} from {}: {}", nodeId, address, detail);
    }
    synchronized (recent) {
      recent.addLast(event);
      if (recent.size() > CAPACITY) {
        recent.removeFirst();
      }
    }
    listeners.forEach(l -> l.nodeChannelEvent(event));
  }

  List<NodeChannelEvent> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
