package org.netservof.bridge.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node agent as the node channel last heard from it.
 *
 * @param address where its channel comes from
 * @param interfaceName its interface on the node's switch port
 * @param connected whether its channel is up
 * @param lastHeartbeat when its last heartbeat came; empty before the first
 * @param blocks the building blocks it offers modules
 * @param readyUsers the users whose container on it is ready: steering sends it their traffic
 * @param containers its containers with their modules and counters, as of the last heartbeat
 * @param serviceAddress the IPv4 address its server modules listen on, as the node registered it; empty when
 *     it has none
 */
public record AgentView(String address, String interfaceName, boolean connected, Optional<Instant> lastHeartbeat,
    List<String> blocks, List<String> readyUsers, List<ContainerView> containers, Optional<String> serviceAddress) {
  public AgentView {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
    blocks = List.copyOf(blocks);
    readyUsers = List.copyOf(readyUsers);
    containers = List.copyOf(containers);
    serviceAddress = serviceAddress == null ? Optional.empty() : serviceAddress;
  }

  /** An agent without a service address. */
  public AgentView(String address, String interfaceName, boolean connected, Optional<Instant> lastHeartbeat,
      List<String> blocks, List<String> readyUsers, List<ContainerView> containers) {
    this(address, interfaceName, connected, lastHeartbeat, blocks, readyUsers, containers, Optional.empty());
  }
}
