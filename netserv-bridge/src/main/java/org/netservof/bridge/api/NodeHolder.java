package org.netservof.bridge.api;

import java.util.List;
import java.util.Objects;

/**
 * Which member of a controller cluster holds a node agent's connection, and what the agent told it, shared
 * through the {@link NodeHolderStore} so that every member can choose the node and steer to its ready
 * containers, and so that the deployments for the node are carried out by the member that can reach it. Kept
 * with a lease the holder renews while the node's heartbeats come: a killed member's holds lapse by
 * themselves. Only written while the controller runs in a cluster.
 *
 * @param instanceId the holding member's {@code instance-id}
 * @param address where the agent's channel comes from ({@code IP:PORT})
 * @param interfaceName the agent's interface on its switch port
 * @param blocks the building blocks the agent offers modules
 * @param readyUsers the users whose container on the node is ready for traffic
 */
public record NodeHolder(String instanceId, String address, String interfaceName, List<String> blocks,
    List<String> readyUsers) {
  public NodeHolder {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(interfaceName, "interfaceName");
    blocks = List.copyOf(blocks);
    readyUsers = List.copyOf(readyUsers);
  }
}
