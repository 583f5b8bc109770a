package org.netservof.bridge.nodes;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hello frames registering nodes were told to send, by the controller's challenge nonce: a frame counts
 * only when it comes up through the node's confirmed switch port with its MAC.
 */
final class PendingHellos {
  private static final Logger log = LoggerFactory.getLogger(PendingHellos.class);

  /** A registering node's hello frame, awaited. */
  private record Pending(NodeSpec spec, Runnable onSeen) {}

  private final Map<String, Pending> hellos = new ConcurrentHashMap<>();
  /** In a cluster, where the hellos awaited here meet the members that receive them; null alone. */
  private volatile HelloRelay relay;

  /** In a cluster: hellos are awaited through the store too, and those nobody here awaits are passed on. */
  void relayThrough(HelloRelay cluster) {
    relay = cluster;
  }

  /** A registering node is to show its hello within {@code within}; {@code onSeen} runs when it does. */
  void expect(String nonce, NodeSpec spec, Duration within, Runnable onSeen) {
    hellos.put(nonce, new Pending(spec, onSeen));
    HelloRelay r = relay;
    if (r != null) {
      r.awaiting(nonce, spec, within);
    }
  }

  void forget(String nonce) {
    if (hellos.remove(nonce) != null && relay != null) {
      relay.forget(nonce);
    }
  }

  /** A hello frame arrived in a PacketIn. */
  void seen(String nonce, SwitchPort at, MacAddress source) {
    Pending p = hellos.get(nonce);
    if (p == null) {
      HelloRelay r = relay;
      if (r != null) {
        r.seenHere(nonce, at, source);
      } else {
        log.debug("hello frame from {} at {} with a nonce nobody waits for", source, at);
      }
      return;
    }
    if (!p.spec().attachment().equals(at) || !p.spec().mac().equals(source)) {
      log.warn("node {}: its hello frame came from {} through {}, but it says it is {} at {}", p.spec().id(), source,
          at, p.spec().mac(), p.spec().attachment());
      return;
    }
    forget(nonce);
    p.onSeen().run();
  }
}
