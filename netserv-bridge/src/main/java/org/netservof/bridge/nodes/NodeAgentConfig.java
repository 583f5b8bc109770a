package org.netservof.bridge.nodes;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.Optional;

/**
 * One entry of {@code node-agents}: a node agent that may register, with its own token and where it is.
 *
 * @param id the node's id; only an agent proving this entry's token may register under it
 * @param tokenFile file holding the node's own token (16+ characters, mode 600); every node has its own
 * @param pool the pool it joins, whatever it says
 * @param dpid the switch it is plugged into, as {@code 00:00:00:00:00:00:00:01}
 * @param port the switch port it is plugged into; a node that says otherwise is refused
 * @param weight its capacity relative to the pool's other nodes, whatever it says
 * @param serviceAddress the IPv4 address its server modules listen on ({@code 10.0.0.100}); the node's port
 *     teaches host tracking only the node's own MAC with this address, nothing else. Absent (empty): it
 *     teaches nothing
 */
public record NodeAgentConfig(String id, String tokenFile, String pool, String dpid, int port, int weight,
    @JsonSetter(nulls = Nulls.AS_EMPTY) String serviceAddress) {

  /** A node without a service address. */
  public NodeAgentConfig(String id, String tokenFile, String pool, String dpid, int port, int weight) {
    this(id, tokenFile, pool, dpid, port, weight, "");
  }

  /** The service address as written; empty when absent. */
  Optional<String> serviceAddressGiven() {
    return serviceAddress == null || serviceAddress.isEmpty() ? Optional.empty() : Optional.of(serviceAddress);
  }
}
