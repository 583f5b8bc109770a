package org.netservof.controller.core;

import java.util.Optional;
import java.util.function.Consumer;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.cluster.SwitchRole;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Decides whether this controller may write to each connected switch: the cluster module's per-switch
 * elections plug in here ({@link SwitchArbitration#arbitrate}). The switch registry announces a switch to the
 * application only while its decided role {@link SwitchRole#writes() writes}.
 */
public interface SwitchArbiter {

  /** A controller alone: every switch is written at once, in the role its handshake asked for. */
  SwitchArbiter ALONE = new SwitchArbiter() {
    @Override
    public boolean elects(OFVersion version) {
      return false;
    }

    @Override
    public void connected(OFSwitch sw, Optional<OFControllerRole> granted, Consumer<SwitchRole> decided) {
      decided.accept(alone(sw.id(), granted));
    }

    @Override
    public void disconnected(OFSwitch sw) {}
  };

  /**
   * Whether switches of this version wait for an election: their handshake then leaves out every write (the
   * table-miss entry, the role request), which goes out only once this controller is their master.
   */
  boolean elects(OFVersion version);

  /**
   * A switch completed its handshake. The arbiter reports this member's role through {@code decided}, at once
   * or later, from any thread, as often as it changes; until the first report the switch is not written.
   *
   * @param granted the role the switch granted at the handshake (none when the handshake asked for none)
   */
  void connected(OFSwitch sw, Optional<OFControllerRole> granted, Consumer<SwitchRole> decided);

  /** The switch's connection closed (or was replaced); called once, after {@link #connected}. */
  void disconnected(OFSwitch sw);

  /**
   * The switch says it made this controller a slave (another controller asked for MASTER). Alone, nothing
   * changes: the controller writes as its configuration says.
   */
  default void demoted(OFSwitch sw, String why) {}

  /** The role of a switch written without an election: MASTER when the handshake made it so, else EQUAL. */
  static SwitchRole alone(org.projectfloodlight.openflow.types.DatapathId dpid, Optional<OFControllerRole> granted) {
    SwitchRole.Role role = granted.filter(OFControllerRole.ROLE_MASTER::equals).isPresent()
        ? SwitchRole.Role.MASTER : SwitchRole.Role.EQUAL;
    return new SwitchRole(dpid, role, 0, Optional.empty());
  }
}
