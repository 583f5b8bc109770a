package org.netservof.bridge.api;

import java.util.Objects;

/**
 * A node as steering sees it now.
 *
 * @param index its number: the node field of cookies
 * @param mark the VLAN id that carries frames to it across the fabric
 * @param healthy whether flows may go to it: its port is up and nothing reported it unhealthy
 * @param status why it is (un)healthy, for people
 */
public record NodeInfo(NodeSpec spec, int index, int mark, boolean healthy, String status) {
  public NodeInfo {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
  }
}
