package org.netservof.policy.steering;

import java.util.Objects;
import org.netservof.policy.fabric.SwitchPort;

/**
 * A service node as steering plans see it.
 *
 * @param id stable identity (selection hashes on it, so it must not change)
 * @param index small number for cookies, 1..65535
 * @param attachment the switch port the node is plugged into
 * @param weight capacity relative to the pool's other nodes, at least 1
 * @param mark the VLAN id that carries frames across the fabric to this node, 1..4094
 */
public record SteeringNode(String id, int index, SwitchPort attachment, int weight, int mark) {
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
}
