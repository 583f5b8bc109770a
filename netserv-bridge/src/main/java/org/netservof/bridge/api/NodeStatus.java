package org.netservof.bridge.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netservof.protocol.node.ChannelMessage.ContainerStats;
import org.netservof.policy.fabric.SwitchPort;

/**
 * A service node that registered over the node channel, as the controller sees it now.
 *
 * @param address where its channel comes from
 * @param connected whether its channel is up
 * @param healthy whether steering sends it flows (connected, heartbeats on time, port up)
 * @param status why it is (un)healthy, for people
 * @param lastHeartbeat when its last heartbeat came; empty before the first
 * @param readyUsers the users whose container on it is ready: steering sends it their traffic
 * @param containers its containers with their modules and counters, as of the last heartbeat
 */
public record NodeStatus(String id, String pool, SwitchPort attachment, String mac, String interfaceName, int weight,
    List<String> blocks, String address, boolean connected, boolean healthy, String status,
    Optional<Instant> lastHeartbeat, List<String> readyUsers, List<ContainerStats> containers) {
  public NodeStatus {
    Objects.requireNonNull(id, "id");
    blocks = List.copyOf(blocks);
    readyUsers = List.copyOf(readyUsers);
    containers = List.copyOf(containers);
  }
}
