package org.netservof.controller.api.fabric;

import java.util.Optional;
import java.util.Set;
import org.netservof.controller.api.ListenerService;
import org.netservof.policy.fabric.SwitchPort;

/**
 * Ports where service nodes attach. They are not edge ports: no LLDP is sent there, no host is learnt there,
 * nothing is flooded into them; what comes out of them has been processed and is routed, never steered
 * again. Thread-safe; its listeners run after every change.
 */
public interface ServicePortService extends ListenerService<Runnable> {

  /** Marks a port as a service port for {@code owner} (a node id, say); idempotent. */
  void reserve(SwitchPort port, String owner);

  /** Releases a port the owner reserved; no effect otherwise. */
  void release(SwitchPort port, String owner);

  Set<SwitchPort> servicePorts();

  default boolean isServicePort(SwitchPort port) {
    return servicePorts().contains(port);
  }

  /**
   * Declares the one host a port the owner reserved may teach (its node, {@link NodeHost}), replacing an earlier
   * declaration; it goes with the reservation. No effect on a port the owner has not reserved.
   */
  default void declareHost(SwitchPort port, String owner, NodeHost host) {}

  /** The host a service port may teach; empty when none was declared: the port then teaches nothing. */
  default Optional<NodeHost> hostAt(SwitchPort port) {
    return Optional.empty();
  }
}
