package org.netservof.bridge.api;

import java.util.Objects;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.protocol.Names;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * A service node, as whoever adds it to a pool describes it.
 *
 * @param attachment the switch port it is plugged into
 * @param mac the MAC address of its interface on that port
 * @param weight its capacity relative to the other nodes of the pool, 1..65535
 */
public record NodeSpec(String id, String pool, SwitchPort attachment, MacAddress mac, int weight) {
  public NodeSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(attachment, "attachment");
    Objects.requireNonNull(mac, "mac");
    if (!Names.isName(id)) {
      throw new IllegalArgumentException("node id '" + id + "' must be " + Names.NAME_RULE);
    }
    if (!Names.isName(pool)) {
      throw new IllegalArgumentException("pool name '" + pool + "' must be " + Names.NAME_RULE);
    }
    if (weight < 1 || weight > 0xffff) {
      throw new IllegalArgumentException("node weight must be in 1..65535, was " + weight);
    }
  }
}
