package org.netservof.controller.channel;

import java.util.Objects;
import org.projectfloodlight.openflow.protocol.OFControllerRole;

/**
 * A switch's news that this controller's role changed, as Open vSwitch sends it on OpenFlow 1.3 (the ONF
 * extension {@code ONFT_ROLE_STATUS}, experimenter 0x4F4E4600 type 1911, which Loxi does not read) when
 * another controller took MASTER: this one is now a SLAVE.
 *
 * @param generationId the generation id the switch now holds
 */
public record RoleStatus(OFControllerRole role, long generationId) {
  /** The ONF experimenter id and the message type of the role-status extension. */
  static final long ONF_EXPERIMENTER = 0x4F4E4600L;
  static final long ONF_ROLE_STATUS = 1911;

  public RoleStatus {
    Objects.requireNonNull(role, "role");
  }

  /** The role as the message numbers it (OFPCR_ROLE_*: 1 equal, 2 master, 3 slave; 0 is no change). */
  static OFControllerRole role(long wire) {
    return switch ((int) wire) {
      case 1 -> OFControllerRole.ROLE_EQUAL;
      case 2 -> OFControllerRole.ROLE_MASTER;
      case 3 -> OFControllerRole.ROLE_SLAVE;
      default -> OFControllerRole.ROLE_NOCHANGE;
    };
  }
}
