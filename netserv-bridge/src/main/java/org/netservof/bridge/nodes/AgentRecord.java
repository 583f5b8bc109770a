package org.netservof.bridge.nodes;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netservof.protocol.node.ChannelMessage;

/** What the controller knows of one agent; guarded by the {@link NodeManager}'s lock. */
final class AgentRecord {
  NodeConnection connection;
  ChannelMessage.Register registration;
  String address;
  boolean heardSinceRegistration;
  Instant lastHeartbeat;
  List<ChannelMessage.ContainerStats> stats = List.of();
  final Map<String, ChannelMessage.ContainerState> ready = new HashMap<>();
  /** The ready users the node holders last heard of. */
  List<String> heldReady = List.of();
}
