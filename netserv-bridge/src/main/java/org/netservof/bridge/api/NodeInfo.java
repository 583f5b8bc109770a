package org.netservof.bridge.api;

import java.util.Objects;

/**
 * A node as steering sees it now.
 *
 * @param index its number: the node field of cookies
 * @param mark the VLAN id that carries frames to it across the fabric
 * @param healthy whether flows may go to it: its port is up and nothing reported it unhealthy
 * @param status why it is (un)healthy, for people
 * @param draining whether an operator is draining it: no new flows go to it, the ones it has finish there
 */
public record NodeInfo(NodeSpec spec, int index, int mark, boolean healthy, String status, boolean draining) {
  public NodeInfo {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
  }

  /** A node that is not draining. */
  public NodeInfo(NodeSpec spec, int index, int mark, boolean healthy, String status) {
    this(spec, index, mark, healthy, status, false);
  }
}
