package org.netservof.controller.api.cluster;

import java.util.Objects;
import java.util.Optional;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * This member's role for one switch.
 *
 * @param role MASTER (this member writes to the switch and handles its PacketIns), SLAVE (another member
 *     does; this one only reads), or EQUAL (no election: one controller alone, or an OpenFlow 1.0 switch)
 * @param generationId the generation id of the switch's current master election (its revision in etcd); 0
 *     when there is none
 * @param master the instance id of the member that masters the switch, when known
 */
public record SwitchRole(DatapathId dpid, Role role, long generationId, Optional<String> master) {

  /** The OpenFlow controller roles this controller takes. */
  public enum Role { MASTER, SLAVE, EQUAL }

  public SwitchRole {
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(master, "master");
    if (generationId < 0) {
      throw new IllegalArgumentException("generation id must not be negative, was " + generationId);
    }
  }

  /** Whether this member may write to the switch (MASTER, or EQUAL where there is no election). */
  public boolean writes() {
    return role != Role.SLAVE;
  }
}
