package org.netservof.policy.steering;

import java.util.Objects;
import org.netservof.policy.fabric.SwitchPort;

/**
 * Where steered frames go: a service node, or one container on it. As steering plans see it.
 *
 * @param id the node's stable identity (selection hashes on it, so it must not change)
 * @param index the node's small number for cookies, 1..65535
 * @param attachment the switch port the node is plugged into
 * @param weight capacity relative to the pool's other nodes, at least 1
 * @param mark the VLAN id that carries frames across the fabric to this target, 1..4094
 * @param tagged whether frames reach the node still carrying the mark: a node with one container per user
 *     demultiplexes its containers by it; otherwise the mark is popped before the node
 */
public record SteeringNode(String id, int index, SwitchPort attachment, int weight, int mark, boolean tagged) {
  public SteeringNode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(attachment, "attachment");
    if (index < 1 || index > 0xffff) {
      throw new IllegalArgumentException("node index must be in 1..65535, was " + index);
    }
    if (weight < 1 || weight > 0xffff) {
      throw new IllegalArgumentException("node weight must be in 1..65535, was " + weight);
    }
    if (mark < 1 || mark > 4094) {
      throw new IllegalArgumentException("node mark must be a VLAN id in 1..4094, was " + mark);
    }
  }

  /** A node that takes frames untagged (one that runs no containers, such as a plain bump in the wire). */
  public SteeringNode(String id, int index, SwitchPort attachment, int weight, int mark) {
    this(id, index, attachment, weight, mark, false);
  }
}
